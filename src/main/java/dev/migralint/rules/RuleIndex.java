package dev.migralint.rules;

import dev.migralint.config.BinaryIn;
import dev.migralint.config.BinaryOut;
import dev.migralint.config.BuildInputs;
import dev.migralint.config.Severity;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.op.OperationCatalog;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bundled rules compiled at build time ({@link IndexBuilder}), in a compact binary form a run decodes without
 * SnakeYAML. The rule files stay the source of truth: the index records the files (and the compiler's classes) it was
 * made from, and a run whose class path no longer matches them reads the YAML instead.
 */
final class RuleIndex {
    static final String RESOURCE = "dev/migralint/rules/bundled-rules.idx";
    /** The rules' descriptions and examples, apart: a lint does not read them (see {@link RuleDocs}). */
    static final String DOCS_RESOURCE = "dev/migralint/rules/bundled-rule-docs.idx";
    private static final int MAGIC = 0x4D4C5249; // "MLRI"
    private static final int DOCS_MAGIC = 0x4D4C5244; // "MLRD"
    /** Bump when the encoding changes. */
    private static final int FORMAT = 5;

    /**
     * What the compiled rules depend on: the rule files, and the classes that compile them (this package, config's
     * parsing and values, the operation catalogue, the dialects). A change to any of them makes the index stale.
     */
    static final List<BuildInputs.Listing> SOURCES = List.of(
            new BuildInputs.Listing("rules/", List.of(".yml", ".yaml")),
            new BuildInputs.Listing("dev/migralint/rules/", List.of(".class")),
            new BuildInputs.Listing("dev/migralint/config/", List.of(".class")),
            OperationCatalog.SOURCES);
    static final List<String> SINGLE_SOURCES = List.of("dev/migralint/sql/Dialect.class",
            "dev/migralint/analysis/ContextFacts.class");

    private RuleIndex() {
    }

    /** The bundled rules from the index, or null when it is missing, of another format, stale or unreadable. */
    static List<Rule> read() {
        try (DataInputStream in = BuildInputs.openIndex(RuleIndex.class, RESOURCE, MAGIC, FORMAT)) {
            return in == null ? null : new Reader(in).rules(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A bundled rule's docs, by id: from the docs index, else (stale) from the YAML. Read all at once, when first asked. */
    static RuleDocs.Text bundledDocs(String id) {
        RuleDocs.Text t = BundledDocs.BY_ID.get(id);
        return t != null ? t : new RuleDocs.Text(null, List.of());
    }

    private static final class BundledDocs {
        static final Map<String, RuleDocs.Text> BY_ID = load();

        private static Map<String, RuleDocs.Text> load() {
            Map<String, RuleDocs.Text> indexed = readDocs();
            if (indexed != null) {
                return indexed;
            }
            Map<String, RuleDocs.Text> out = new LinkedHashMap<>();
            try {
                for (Rule r : RuleSet.fromYaml().all()) {
                    out.put(r.id(), new RuleDocs.Text(r.description(), r.examples()));
                }
            } catch (RuleLoadException e) {
                // no docs then: reports and explain show none
            }
            return out;
        }
    }

    /** The bundled rules' docs by id from the docs index, or null when it is missing, of another format or stale. */
    static Map<String, RuleDocs.Text> readDocs() {
        try (DataInputStream in = BuildInputs.openIndex(RuleIndex.class, DOCS_RESOURCE, DOCS_MAGIC, FORMAT)) {
            return in == null ? null : new Reader(in).docs();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes the rules and, to {@code docs}, their descriptions and examples (see {@link #DOCS_RESOURCE}). */
    static void write(DataOutputStream out, DataOutputStream docs, BuildInputs inputs, List<Rule> rules) throws IOException {
        Writer w = start(out, MAGIC, inputs, rules.size());
        for (Rule r : rules) {
            w.rule(r);
        }
        Writer d = start(docs, DOCS_MAGIC, inputs, rules.size());
        for (Rule r : rules) {
            d.docs(r);
        }
    }

    /** An index's header (magic, format, the inputs it was made from) and its count of rules. */
    private static Writer start(DataOutputStream out, int magic, BuildInputs inputs, int rules) throws IOException {
        inputs.writeHeader(out, magic, FORMAT);
        out.writeInt(rules);
        return new Writer(out);
    }

    /** Decodes rules and their docs without the YAML; for tests, from bytes {@link #write} produced. */
    static List<Rule> decode(DataInputStream in, DataInputStream docs) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != FORMAT || docs.readInt() != DOCS_MAGIC || docs.readInt() != FORMAT) {
            throw new IOException("not a rule index of format " + FORMAT);
        }
        BuildInputs.read(in);
        BuildInputs.read(docs);
        return new Reader(in).rules(new Reader(docs).docs());
    }

    private static final int FACT_IS = 0, ALL = 1, ANY = 2, NOT_ALL = 3;
    private static final int EQUALS = 0, IN = 1, MATCHES = 2, NOT = 3, COMPARE = 4;

    private static final class Writer {
        private final BinaryOut out;

        Writer(DataOutputStream out) {
            this.out = new BinaryOut(out);
        }

        void rule(Rule r) throws IOException {
            out.string(r.id());
            out.writeByte(r.severity().ordinal());
            out.writeByte(r.dialects().size());
            for (Dialect d : r.dialects()) {
                out.writeByte(d.ordinal());
            }
            out.strings(r.tags());
            out.string(r.summary());
            out.string(r.message());
            out.string(r.help());
            out.strings(new ArrayList<>(r.kinds()));
            condition(r.where());
            out.writeByte(r.report().ordinal());
            out.writeBoolean(r.fix() != null);
            if (r.fix() != null) {
                out.string(r.fix().name());
                out.map(r.fix().args());
            }
            List<String> directions = new ArrayList<>();
            for (String d : List.of("up", "down")) {
                if (r.directions().contains(d)) {
                    directions.add(d);
                }
            }
            out.strings(directions);
            out.writeByte(r.downSeverity().ordinal());
            out.writeInt(r.severityWhen().size());
            for (Rule.SeverityWhen w : r.severityWhen()) {
                out.writeByte(w.severity().ordinal());
                condition(w.where());
            }
            out.string(r.source());
            out.string(r.set());
            out.strings(r.supersedes());
        }

        void docs(Rule r) throws IOException {
            out.string(r.id());
            out.string(r.description());
            out.writeInt(r.examples().size());
            for (RuleExample e : r.examples()) {
                out.string(e.bad());
                out.string(e.good());
                out.string(e.fixed());
                out.string(e.message());
                out.string(e.severity());
                out.map(e.context());
                out.writeInt(e.line());
            }
        }

        void condition(Condition c) throws IOException {
            if (c instanceof Condition.FactIs f) {
                out.writeByte(FACT_IS);
                out.string(f.fact());
                test(f.test());
            } else if (c instanceof Condition.All a) {
                out.writeByte(ALL);
                conditions(a.parts());
            } else if (c instanceof Condition.Any a) {
                out.writeByte(ANY);
                conditions(a.parts());
            } else if (c instanceof Condition.NotAll n) {
                out.writeByte(NOT_ALL);
                condition(n.inner());
            } else {
                throw new IOException("cannot index condition " + c);
            }
        }

        void conditions(List<Condition> parts) throws IOException {
            out.writeInt(parts.size());
            for (Condition p : parts) {
                condition(p);
            }
        }

        void test(ValueTest t) throws IOException {
            if (t instanceof ValueTest.Equals e) {
                out.writeByte(EQUALS);
                out.value(e.expected());
            } else if (t instanceof ValueTest.In in) {
                out.writeByte(IN);
                out.value(in.options());
            } else if (t instanceof ValueTest.Matches m) {
                out.writeByte(MATCHES);
                out.string(m.regex());
                out.writeInt(m.flags());
            } else if (t instanceof ValueTest.Not n) {
                out.writeByte(NOT);
                test(n.inner());
            } else if (t instanceof ValueTest.Compare c) {
                out.writeByte(COMPARE);
                out.string(c.op());
                out.writeDouble(c.bound());
            } else {
                throw new IOException("cannot index value test " + t);
            }
        }
    }

    private static final class Reader {
        private final BinaryIn in;

        Reader(DataInputStream in) {
            this.in = new BinaryIn(in);
        }

        /** @param docs the rules' docs by id, or null for the bundled rules' (read when first asked for) */
        List<Rule> rules(Map<String, RuleDocs.Text> docs) throws IOException {
            int n = in.readInt();
            List<Rule> out = new ArrayList<>(n);
            Severity[] severities = Severity.values();
            Dialect[] dialectValues = Dialect.values();
            Rule.Report[] reports = Rule.Report.values();
            for (int i = 0; i < n; i++) {
                String id = in.string();
                Severity severity = severities[in.readByte()];
                int d = in.readByte();
                Set<Dialect> dialects = new LinkedHashSet<>();
                for (int j = 0; j < d; j++) {
                    dialects.add(dialectValues[in.readByte()]);
                }
                List<String> tags = List.copyOf(in.strings());
                String summary = in.string();
                String message = in.string();
                String help = in.string();
                Set<String> kinds = new LinkedHashSet<>(in.strings());
                Condition where = condition();
                Rule.Report report = reports[in.readByte()];
                FixSpec fix = null;
                if (in.readBoolean()) {
                    String name = in.string();
                    fix = new FixSpec(name, Map.copyOf(in.map()));
                }
                Set<String> directions = Set.copyOf(in.strings());
                Severity downSeverity = severities[in.readByte()];
                int w = in.readInt();
                List<Rule.SeverityWhen> severityWhen = new ArrayList<>(w);
                for (int j = 0; j < w; j++) {
                    Severity s = severities[in.readByte()];
                    severityWhen.add(new Rule.SeverityWhen(s, condition()));
                }
                String source = in.string();
                String set = in.string();
                List<String> supersedes = List.copyOf(in.strings());
                out.add(new Rule(id, severity, dialects, tags, summary, docs == null ? RuleDocs.bundled(id) : RuleDocs.of(docs.get(id)), message, help, kinds, where,
                        report, fix, directions, downSeverity, List.copyOf(severityWhen), source, set, supersedes));
            }
            return out;
        }

        Map<String, RuleDocs.Text> docs() throws IOException {
            int n = in.readInt();
            Map<String, RuleDocs.Text> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String id = in.string();
                String description = in.string();
                int e = in.readInt();
                List<RuleExample> examples = new ArrayList<>(e);
                for (int j = 0; j < e; j++) {
                    String bad = in.string();
                    String good = in.string();
                    String fixed = in.string();
                    String message = in.string();
                    String severity = in.string();
                    Map<String, Object> context = in.map();
                    examples.add(new RuleExample(bad, good, fixed, message, severity, context, in.readInt()));
                }
                out.put(id, new RuleDocs.Text(description, examples));
            }
            return out;
        }

        Condition condition() throws IOException {
            int tag = in.readByte();
            switch (tag) {
                case FACT_IS:
                    return new Condition.FactIs(in.string(), test());
                case ALL:
                    return new Condition.All(conditions());
                case ANY:
                    return new Condition.Any(conditions());
                case NOT_ALL:
                    return new Condition.NotAll(condition());
                default:
                    throw new IOException("bad condition tag " + tag);
            }
        }

        List<Condition> conditions() throws IOException {
            int n = in.readInt();
            List<Condition> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(condition());
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        ValueTest test() throws IOException {
            int tag = in.readByte();
            switch (tag) {
                case EQUALS:
                    return new ValueTest.Equals(in.value());
                case IN:
                    return new ValueTest.In((List<Object>) in.value());
                case MATCHES:
                    return new ValueTest.Matches(in.string(), in.readInt());
                case NOT:
                    return new ValueTest.Not(test());
                case COMPARE:
                    return new ValueTest.Compare(in.string(), in.readDouble());
                default:
                    throw new IOException("bad value test tag " + tag);
            }
        }
    }
}
