package dev.migralint.rules;

import dev.migralint.analysis.ContextFacts;
import dev.migralint.config.ConfigException;
import dev.migralint.config.SafeYaml.Located;
import dev.migralint.config.SafeYaml;
import dev.migralint.config.Severity;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.op.OperationCatalog.KindInfo;
import dev.migralint.sql.op.OperationCatalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Compiles one rule file. Every mistake is reported with the file, the line and, for a misspelt key, kind or fact,
 * the nearest valid name.
 */
public final class RuleLoader {
    static final List<String> TOP_KEYS = List.of("id", "severity", "dialects", "tags", "summary", "description",
            "message", "help", "match", "fix", "report", "examples", "directions", "down-severity", "severity-when", "set",
            "supersedes");
    static final List<String> MATCH_KEYS = List.of("kind", "where");
    static final List<String> EXAMPLE_KEYS = List.of("bad", "good", "fixed", "message", "severity", "dialect", "postgres-version",
            "framework", "transaction", "path", "history", "note", "runner-version", "runner-config-problem",
            "runner-setting", "before");
    static final List<String> VERIFY_EXAMPLE_KEYS = List.of("bad", "good", "runner", "changed", "at", "message", "rows",
            "postgres-version", "note");
    static final List<String> SEVERITY_WHEN_KEYS = List.of("severity", "where");
    static final List<String> DIRECTIONS = List.of("up", "down");
    static final List<String> TEST_KEYS = List.of("in", "matches", "not", "lt", "le", "gt", "ge");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final String file;

    private RuleLoader(String file) {
        this.file = file;
    }

    public static Rule load(String file, String text) throws RuleLoadException {
        Located root;
        try {
            root = SafeYaml.parse(file, text);
        } catch (ConfigException e) {
            throw new RuleLoadException(e.file(), e.line(), e.getMessage());
        }
        return new RuleLoader(file).compile(root);
    }

    private RuleLoadException error(int line, String message) {
        return new RuleLoadException(file, line, message);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Located> map(Located node, String what) throws RuleLoadException {
        if (!(node.value() instanceof Map)) {
            throw error(node.line(), what + " must be a mapping");
        }
        return (Map<String, Located>) node.value();
    }

    @SuppressWarnings("unchecked")
    private List<Located> list(Located node, String what) throws RuleLoadException {
        if (node.value() instanceof List) {
            return (List<Located>) node.value();
        }
        if (node.value() instanceof String || node.value() instanceof Number || node.value() instanceof Boolean) {
            return List.of(node);
        }
        throw error(node.line(), what + " must be a list");
    }

    private String string(Located node, String what) throws RuleLoadException {
        if (node == null) {
            return null;
        }
        if (node.value() instanceof Map || node.value() instanceof List) {
            throw error(node.line(), what + " must be a string");
        }
        return node.value() == null ? null : node.value().toString();
    }

    private void checkKeys(Map<String, Located> m, List<String> allowed, String where) throws RuleLoadException {
        for (Map.Entry<String, Located> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw error(e.getValue().line(), "unknown key '" + e.getKey() + "' in " + where
                        + SafeYaml.suggest(e.getKey(), allowed));
            }
        }
    }

    private Rule compile(Located root) throws RuleLoadException {
        Map<String, Located> top = map(root, "a rule file");
        checkKeys(top, TOP_KEYS, "rule");
        String id = string(require(top, "id", root.line()), "id");
        if (!ID.matcher(id).matches()) {
            throw error(top.get("id").line(), "id '" + id + "' must be kebab-case (e.g. require-concurrent-index)");
        }
        Located sevNode = require(top, "severity", root.line());
        Severity severity = Severity.parse(string(sevNode, "severity"))
                .orElseThrow(() -> error(sevNode.line(), "severity must be error, warning or notice"));
        Set<Dialect> dialects = new LinkedHashSet<>();
        if (top.containsKey("dialects")) {
            for (Located d : list(top.get("dialects"), "dialects")) {
                String name = string(d, "dialect");
                dialects.add(Dialect.parse(name).orElseThrow(() -> error(d.line(),
                        "unknown dialect '" + name + "'" + SafeYaml.suggest(String.valueOf(name), List.of("postgresql", "mysql", "sqlite")))));
            }
        }
        List<String> tags = new ArrayList<>();
        if (top.containsKey("tags")) {
            for (Located t : list(top.get("tags"), "tags")) {
                tags.add(string(t, "tag"));
            }
        }
        String summary = string(require(top, "summary", root.line()), "summary");
        String description = string(top.get("description"), "description");
        String help = string(top.get("help"), "help");

        String set = set(top.get("set"));
        if (Rule.VERIFY.equals(set)) {
            return verifyOnly(top, id, severity, dialects, tags, summary, description, help);
        }
        Located matchNode = require(top, "match", root.line());
        Map<String, Located> match = map(matchNode, "match");
        checkKeys(match, MATCH_KEYS, "match");
        Located kindNode = match.get("kind");
        if (kindNode == null) {
            throw error(matchNode.line(), "match needs a kind");
        }
        OperationCatalog catalog = OperationCatalog.get();
        List<String> kindNames = catalog.kinds().stream().map(KindInfo::name).toList();
        Set<String> kinds = new LinkedHashSet<>();
        for (Located k : list(kindNode, "kind")) {
            String name = string(k, "kind");
            if (catalog.kind(name) == null) {
                throw error(k.line(), "unknown operation kind '" + name + "'" + SafeYaml.suggest(name, kindNames));
            }
            kinds.add(name);
        }
        Set<String> facts = factsOf(kinds);
        Condition where = match.containsKey("where") ? where(match.get("where"), facts) : new Condition.All(List.of());

        String message = string(top.get("message"), "message");
        if (message == null) {
            message = summary;
        }
        for (String fact : MessageTemplate.factsNamed(message)) {
            if (!facts.contains(fact)) {
                throw error(top.get("message").line(), "message names unknown fact {" + fact + "}"
                        + SafeYaml.suggest(fact, facts));
            }
        }

        Rule.Report report = Rule.Report.EACH;
        if (top.containsKey("report")) {
            String r = string(top.get("report"), "report");
            report = switch (String.valueOf(r)) {
                case "each" -> Rule.Report.EACH;
                case "once-per-statement" -> Rule.Report.ONCE_PER_STATEMENT;
                case "once-per-file" -> Rule.Report.ONCE_PER_FILE;
                default -> throw error(top.get("report").line(), "report must be each, once-per-statement or once-per-file"
                        + SafeYaml.suggest(String.valueOf(r), List.of("each", "once-per-statement", "once-per-file")));
            };
        }
        Set<String> directions = directions(top.get("directions"));
        Severity downSeverity = Severity.WARNING;
        if (top.containsKey("down-severity")) {
            Located d = top.get("down-severity");
            if (!directions.contains("down")) {
                throw error(d.line(), "down-severity needs 'down' in directions");
            }
            downSeverity = severity(d, "down-severity");
        }
        List<Rule.SeverityWhen> severityWhen = new ArrayList<>();
        if (top.containsKey("severity-when")) {
            for (Located w : list(top.get("severity-when"), "severity-when")) {
                Map<String, Located> entry = map(w, "a severity-when entry");
                checkKeys(entry, SEVERITY_WHEN_KEYS, "severity-when");
                Located s = require(entry, "severity", w.line());
                Located cond = require(entry, "where", w.line());
                severityWhen.add(new Rule.SeverityWhen(severity(s, "severity"), where(cond, facts)));
            }
        }
        FixSpec fix = null;
        if (top.containsKey("fix")) {
            fix = fix(top.get("fix"));
        }
        List<RuleExample> examples = new ArrayList<>();
        if (top.containsKey("examples")) {
            for (Located e : list(top.get("examples"), "examples")) {
                examples.add(example(e, fix != null));
            }
        }
        List<String> supersedes = new ArrayList<>();
        if (top.containsKey("supersedes")) {
            for (Located x : list(top.get("supersedes"), "supersedes")) {
                String other = string(x, "rule id");
                if (other == null || !ID.matcher(other).matches() || other.equals(id)) {
                    throw error(x.line(), "supersedes lists other rules' ids, not '" + other + "'");
                }
                supersedes.add(other);
            }
        }
        return new Rule(id, severity, dialects, List.copyOf(tags), summary, RuleDocs.of(description, examples), message,
                help, kinds, where, report, fix, directions, downSeverity, List.copyOf(severityWhen), file, set,
                List.copyOf(supersedes));
    }

    /** The rule's {@code set:}: recommended (the default), strict, or verify. */
    private String set(Located s) throws RuleLoadException {
        if (s == null) {
            return Rule.RECOMMENDED;
        }
        String set = string(s, "set");
        List<String> known = new ArrayList<>(Rule.SETS);
        known.add(Rule.VERIFY);
        if (!known.contains(set)) {
            throw error(s.line(), "set must be recommended, strict or verify" + SafeYaml.suggest(String.valueOf(set), known));
        }
        return set;
    }

    /**
     * A rule of {@code set: verify}: the documentation of a finding {@code migralint verify} reports from what a real
     * server did. It has nothing to match (no {@code match:}), so the linter never runs it; its examples are migration
     * histories that {@code VerifyRuleExamplesTest} verifies on a real server. Only the keys that document it are
     * allowed.
     */
    private Rule verifyOnly(Map<String, Located> top, String id, Severity severity, Set<Dialect> dialects,
                            List<String> tags, String summary, String description, String help) throws RuleLoadException {
        for (String key : List.of("match", "fix", "report", "directions", "down-severity", "severity-when",
                "supersedes")) {
            if (top.containsKey(key)) {
                throw error(top.get(key).line(), "a rule of set: verify is reported by 'migralint verify', not matched:"
                        + " it takes no '" + key + "'");
            }
        }
        String message = string(top.get("message"), "message");
        if (message != null && !MessageTemplate.factsNamed(message).isEmpty()) {
            throw error(top.get("message").line(), "a rule of set: verify has no facts to put in its message");
        }
        List<RuleExample> examples = new ArrayList<>();
        if (top.containsKey("examples")) {
            for (Located e : list(top.get("examples"), "examples")) {
                examples.add(verifyExample(e));
            }
        }
        return new Rule(id, severity, dialects, List.copyOf(tags), summary, RuleDocs.of(description, examples),
                message == null ? summary : message, help, Set.of(), new Condition.All(List.of()), Rule.Report.EACH,
                null, Rule.DEFAULT_DIRECTIONS, Severity.WARNING, List.of(), file, Rule.VERIFY, List.of());
    }

    /**
     * An example of a {@code set: verify} rule: a small project ({@code bad:} or {@code good:} maps each file's path to
     * its text, in the order written), the runner that applies it, the files the change adds ({@code changed:}) and,
     * for a bad one, where the finding must be ({@code at: path:line}) and a text its message must contain. Kept as a
     * {@link RuleExample} whose SQL is the files one after the other and whose context holds the rest.
     */
    private RuleExample verifyExample(Located node) throws RuleLoadException {
        Map<String, Located> m = map(node, "an example");
        checkKeys(m, VERIFY_EXAMPLE_KEYS, "example of a rule of set: verify");
        if (m.containsKey("bad") == m.containsKey("good")) {
            throw error(node.line(), "an example has exactly one of 'bad' or 'good'");
        }
        boolean bad = m.containsKey("bad");
        Located filesNode = m.get(bad ? "bad" : "good");
        Map<String, Object> files = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Located> f : map(filesNode, bad ? "bad" : "good").entrySet()) {
            String body = string(f.getValue(), f.getKey());
            if (body == null) {
                throw error(f.getValue().line(), "the file '" + f.getKey() + "' needs its text");
            }
            files.put(f.getKey(), body.endsWith("\n") ? body : body + "\n");
            text.append("-- ").append(f.getKey()).append('\n').append(body.strip()).append("\n\n");
        }
        String runner = string(m.get("runner"), "runner");
        if (runner == null || runner.isBlank()) {
            throw error(node.line(), "an example of a rule of set: verify needs the runner that applies its files"
                    + " (a runner id)");
        }
        List<Object> changed = new ArrayList<>();
        if (!m.containsKey("changed")) {
            throw error(node.line(), "an example of a rule of set: verify names the files its change adds in 'changed'");
        }
        for (Located c : list(m.get("changed"), "changed")) {
            String path = string(c, "changed");
            if (!files.containsKey(path)) {
                throw error(c.line(), "'changed' names '" + path + "', which is not one of the example's files");
            }
            changed.add(path);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("runner", runner);
        context.put("changed", changed);
        context.put("files", files);
        for (String k : List.of("at", "rows", "postgres-version")) {
            if (m.containsKey(k)) {
                context.put(k, m.get(k).value());
            }
        }
        String message = string(m.get("message"), "message");
        if (!bad && (message != null || context.containsKey("at"))) {
            throw error(node.line(), "'at' and 'message' belong to a 'bad' example");
        }
        String sql = text.toString().strip();
        return new RuleExample(bad ? sql : null, bad ? null : sql, null, message, null, context, node.line());
    }

    private Severity severity(Located node, String what) throws RuleLoadException {
        String name = string(node, what);
        return Severity.parse(name).orElseThrow(() -> error(node.line(), what + " must be error, warning or notice"
                + SafeYaml.suggest(String.valueOf(name), List.of("error", "warning", "notice"))));
    }

    /** The rule's {@code directions:}, by default up only: most rules are about what a forward migration breaks. */
    private Set<String> directions(Located node) throws RuleLoadException {
        if (node == null) {
            return Rule.DEFAULT_DIRECTIONS;
        }
        Set<String> out = new LinkedHashSet<>();
        for (Located d : list(node, "directions")) {
            String name = string(d, "direction");
            if (!DIRECTIONS.contains(name)) {
                throw error(d.line(), "unknown direction '" + name + "'" + SafeYaml.suggest(String.valueOf(name), DIRECTIONS));
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw error(node.line(), "directions must name up, down or both");
        }
        return Set.copyOf(out);
    }

    private Located require(Map<String, Located> m, String key, int line) throws RuleLoadException {
        Located v = m.get(key);
        if (v == null || v.value() == null) {
            throw error(line, "missing required key '" + key + "'");
        }
        return v;
    }

    /**
     * Facts any listed kind has, plus the context facts. A fact the matched operation's kind lacks reads as null, so
     * {@code kind: [update, insert]} can say {@code any: [{has-where: true}, {from-select: true}]}.
     */
    static Set<String> factsOf(Set<String> kinds) {
        Set<String> all = new TreeSet<>();
        for (String k : kinds) {
            all.addAll(OperationCatalog.get().kind(k).facts().keySet());
        }
        all.addAll(ContextFacts.docs().keySet());
        return all;
    }

    private Condition where(Located node, Set<String> facts) throws RuleLoadException {
        Map<String, Located> m = map(node, "where");
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, Located> e : m.entrySet()) {
            String key = e.getKey();
            Located value = e.getValue();
            if (key.equals("any") || key.equals("all")) {
                List<Condition> inner = new ArrayList<>();
                for (Located item : list(value, key)) {
                    inner.add(where(item, facts));
                }
                parts.add(key.equals("any") ? new Condition.Any(inner) : new Condition.All(inner));
            } else if (key.equals("not")) {
                parts.add(new Condition.NotAll(where(value, facts)));
            } else {
                if (!facts.contains(key)) {
                    throw error(value.line(), "unknown fact '" + key + "' for kind(s) of this rule"
                            + SafeYaml.suggest(key, facts) + " (migralint rules --facts lists them)");
                }
                parts.add(new Condition.FactIs(key, test(value)));
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
    }

    private ValueTest test(Located node) throws RuleLoadException {
        if (!(node.value() instanceof Map)) {
            if (node.value() instanceof List) {
                throw error(node.line(), "a list here is ambiguous; write {in: [...]}");
            }
            return new ValueTest.Equals(node.value());
        }
        Map<String, Located> m = map(node, "a test");
        if (m.size() != 1) {
            throw error(node.line(), "a test has exactly one of " + TEST_KEYS);
        }
        Map.Entry<String, Located> e = m.entrySet().iterator().next();
        Located v = e.getValue();
        switch (e.getKey()) {
            case "in" -> {
                List<Object> options = new ArrayList<>();
                for (Located item : list(v, "in")) {
                    options.add(item.value());
                }
                return new ValueTest.In(options);
            }
            case "matches" -> {
                String regex = string(v, "matches");
                try {
                    return ValueTest.Matches.linear(regex == null ? "" : regex);
                } catch (com.google.re2j.PatternSyntaxException ex) {
                    throw error(v.line(), "bad regular expression '" + regex + "': " + ex.getDescription()
                            + " (rule patterns are RE2 syntax, which runs in linear time: no backreferences or lookaround)");
                }
            }
            case "not" -> {
                return new ValueTest.Not(test(v));
            }
            case "lt", "le", "gt", "ge" -> {
                if (!(v.value() instanceof Number n)) {
                    throw error(v.line(), e.getKey() + " needs a number");
                }
                return new ValueTest.Compare(e.getKey(), n.doubleValue());
            }
            default -> throw error(v.line(), "unknown test '" + e.getKey() + "'" + SafeYaml.suggest(e.getKey(), TEST_KEYS));
        }
    }

    private FixSpec fix(Located node) throws RuleLoadException {
        String name;
        Map<String, Object> args = new LinkedHashMap<>();
        if (node.value() instanceof Map) {
            Map<String, Located> m = map(node, "fix");
            Located n = m.get("name");
            if (n == null) {
                throw error(node.line(), "fix needs a name");
            }
            name = string(n, "fix name");
            for (Map.Entry<String, Located> e : m.entrySet()) {
                if (!e.getKey().equals("name")) {
                    args.put(e.getKey(), e.getValue().value() instanceof Map || e.getValue().value() instanceof List
                            ? null : e.getValue().value());
                }
            }
        } else {
            name = string(node, "fix");
        }
        if (!FixSpec.KNOWN.contains(name)) {
            throw error(node.line(), "unknown fix '" + name + "'" + SafeYaml.suggest(String.valueOf(name), FixSpec.KNOWN));
        }
        return new FixSpec(name, Map.copyOf(args.entrySet().stream().filter(x -> x.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    private RuleExample example(Located node, boolean hasFix) throws RuleLoadException {
        Map<String, Located> m = map(node, "an example");
        checkKeys(m, EXAMPLE_KEYS, "example");
        String bad = string(m.get("bad"), "bad");
        String good = string(m.get("good"), "good");
        String fixed = string(m.get("fixed"), "fixed");
        String message = string(m.get("message"), "message");
        if ((bad == null) == (good == null)) {
            throw error(node.line(), "an example has exactly one of 'bad' or 'good'");
        }
        if (fixed != null && bad == null) {
            throw error(m.get("fixed").line(), "'fixed' belongs to a 'bad' example");
        }
        if (message != null && bad == null) {
            throw error(m.get("message").line(), "'message' belongs to a 'bad' example");
        }
        String severity = string(m.get("severity"), "severity");
        if (severity != null && bad == null) {
            throw error(m.get("severity").line(), "'severity' belongs to a 'bad' example");
        }
        if (severity != null && Severity.parse(severity).isEmpty()) {
            throw error(m.get("severity").line(), "unknown severity '" + severity + "' (error, warning or notice)");
        }
        if (fixed != null && !hasFix) {
            throw error(m.get("fixed").line(), "'fixed' given but the rule has no fix");
        }
        Map<String, Object> context = new LinkedHashMap<>();
        for (String k : List.of("dialect", "postgres-version", "framework", "transaction", "path", "runner-version",
                "runner-config-problem", "runner-setting")) {
            if (m.containsKey(k)) {
                context.put(k, m.get(k).value());
            }
        }
        if (context.containsKey("dialect") && Dialect.parse(String.valueOf(context.get("dialect"))).isEmpty()) {
            throw error(m.get("dialect").line(), "unknown dialect '" + context.get("dialect") + "'");
        }
        if (m.containsKey("before")) {
            context.put("before", string(m.get("before"), "before"));
        }
        if (m.containsKey("history")) {
            context.put("history", history(m.get("history")));
        }
        return new RuleExample(bad, good, fixed, message, severity, context, node.line());
    }

    /**
     * An example's {@code history:} map: migration-history facts for the example file, as check --changed would
     * compute them (the example's SQL is the file's text after the change).
     */
    private Map<String, Object> history(Located node) throws RuleLoadException {
        Map<String, Located> facts = map(node, "history");
        Set<String> known = OperationCatalog.get().kind("migration-history").facts().keySet();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Located> e : facts.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(e.getValue().line(), "unknown migration-history fact '" + e.getKey() + "' in history"
                        + SafeYaml.suggest(e.getKey(), known));
            }
            Object v = e.getValue().value();
            if (v instanceof Map) {
                throw error(e.getValue().line(), "history." + e.getKey() + " must be a value or a list");
            }
            if (v instanceof List<?> items) {
                List<Object> values = new ArrayList<>();
                for (Object item : items) {
                    values.add(item instanceof Located l ? l.value() : item);
                }
                v = values;
            }
            out.put(e.getKey(), v);
        }
        return out;
    }
}
