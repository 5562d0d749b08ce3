package dev.migralint.workspace;

import dev.migralint.config.ConfigException;
import dev.migralint.config.SafeYaml;
import dev.migralint.config.SafeYaml.Located;
import dev.migralint.sql.CommentKey;
import dev.migralint.workspace.RunnerDescriptor.Change;
import dev.migralint.workspace.RunnerDescriptor.Detect;
import dev.migralint.workspace.RunnerDescriptor.Directive;
import dev.migralint.workspace.RunnerDescriptor.Section;
import dev.migralint.workspace.RunnerDescriptor.SideFile;
import dev.migralint.workspace.RunnerDescriptor.Source;
import dev.migralint.workspace.RunnerDescriptor.StatementBlock;
import dev.migralint.workspace.RunnerDescriptor.VersionFrom;
import dev.migralint.workspace.RunnerDescriptor.Wrapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a runner descriptor from YAML with the same care as a rule: through {@link SafeYaml} (no object construction,
 * size and depth limits), every key checked, an unknown key refused with its file, line and the nearest valid key.
 */
public final class RunnerLoader {
    static final List<String> KEYS = List.of("id", "name", "aliases", "order", "detect", "transaction", "assumption",
            "sections", "down-files", "verify-files", "no-transaction", "no-transaction-files", "side-files", "verifies-checksums",
            "version-from", "default-version", "changes", "per-directory", "sources", "unwrapped-sends",
            "statement-block", "keys-by-version", "migration-order", "runs-names", "reports-skipped");
    static final List<String> BLOCK_KEYS = List.of("begin", "end");
    static final List<String> DETECT_KEYS = List.of("text", "path", "marker", "manifest", "contains");
    static final List<String> SECTION_KEYS = List.of("marker", "direction", "no-transaction", "inline", "migration",
            "reruns-on-change", "edit-accepted");
    static final List<String> DIRECTIVE_KEYS = List.of("comment", "scope");
    static final List<String> SIDE_FILE_KEYS = List.of("path", "search", "format", "key", "off", "setting");
    static final List<String> SIDE_FORMATS = List.of("toml", "properties", "sqitch-plan");
    static final List<String> VERSION_KEYS = List.of("file", "packages");
    static final List<String> CHANGE_KEYS = List.of("since", "statements", "effect", "until-postgres", "unless", "says");
    static final List<String> EFFECTS = List.of("statement", "file", "refuse-mixed", "lock-wait");
    static final List<String> SOURCE_KEYS = List.of("fact", "source");
    static final List<String> VERSION_FILES = List.of("package.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock",
            "go.mod", "Cargo.toml", "Cargo.lock", "pom.xml", "build.gradle", "build.gradle.kts");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,3}");

    private final String file;

    private RunnerLoader(String file) {
        this.file = file;
    }

    /** A descriptor from a whole YAML file. */
    public static RunnerDescriptor load(String file, String text) throws ConfigException {
        return new RunnerLoader(file).descriptor(SafeYaml.parse(file, text));
    }

    /** A descriptor from an already parsed node (a {@code runners:} entry of the configuration). */
    public static RunnerDescriptor load(String file, Located node) throws ConfigException {
        return new RunnerLoader(file).descriptor(node);
    }

    private RunnerDescriptor descriptor(Located root) throws ConfigException {
        Map<String, Located> m = map(root, "a runner descriptor", KEYS);
        String id = required(m, root, "id");
        if (!ID.matcher(id).matches()) {
            throw error(m.get("id"), "id must be lower-case words joined by '-', not '" + id + "'");
        }
        String name = m.containsKey("name") ? string(m.get("name"), "name") : id;
        List<String> aliases = strings(m.get("aliases"), "aliases");
        int order = m.containsKey("order") ? integer(m.get("order"), "order") : 500;
        List<Detect> detect = new ArrayList<>();
        for (Located d : list(m.get("detect"), "detect")) {
            detect.add(detect(d));
        }
        String tx = required(m, root, "transaction");
        Wrapping wrapping = Wrapping.parse(tx);
        if (wrapping == null) {
            List<String> ids = new ArrayList<>();
            for (Wrapping w : Wrapping.values()) {
                ids.add(w.id());
            }
            throw error(m.get("transaction"), "transaction must be one of " + String.join(", ", ids) + ", not '" + tx + "'"
                    + SafeYaml.suggest(tx, ids));
        }
        String assumption = required(m, root, "assumption");
        List<Section> sections = new ArrayList<>();
        for (Located s : list(m.get("sections"), "sections")) {
            Map<String, Located> sm = map(s, "a section", SECTION_KEYS);
            String direction = required(sm, s, "direction");
            if (!List.of("up", "down").contains(direction)) {
                throw error(sm.get("direction"), "direction must be up or down, not '" + direction + "'");
            }
            String marker = required(sm, s, "marker");
            boolean inline = sm.containsKey("inline") && bool(sm.get("inline"), "inline");
            if (inline && !comment(marker).equals("--rollback")) {
                // The front end exposes only Liquibase's rollback lines as SQL.
                throw error(sm.get("inline"), "inline sections are Liquibase's --rollback lines only, not '" + marker + "'");
            }
            boolean migration = sm.containsKey("migration") && bool(sm.get("migration"), "migration");
            if (!migration && (sm.containsKey("reruns-on-change") || sm.containsKey("edit-accepted"))) {
                Located at = sm.containsKey("reruns-on-change") ? sm.get("reruns-on-change") : sm.get("edit-accepted");
                throw error(at, "reruns-on-change and edit-accepted describe sections that are migrations of their own"
                        + " (migration: true)");
            }
            sections.add(new Section(marker, direction,
                    sm.containsKey("no-transaction") ? string(sm.get("no-transaction"), "no-transaction") : null, inline,
                    migration, strings(sm.get("reruns-on-change"), "reruns-on-change"),
                    sm.containsKey("edit-accepted") ? string(sm.get("edit-accepted"), "edit-accepted") : null));
        }
        List<Directive> directives = new ArrayList<>();
        for (Located d : list(m.get("no-transaction"), "no-transaction")) {
            Map<String, Located> dm = map(d, "a directive", DIRECTIVE_KEYS);
            String scope = dm.containsKey("scope") ? string(dm.get("scope"), "scope") : "file";
            List<String> scopes = List.of("file", "first-line", "first-line-after-headers", "statement");
            if (!scopes.contains(scope)) {
                throw error(dm.get("scope"), "scope must be one of " + scopes + ", not '" + scope + "'"
                        + SafeYaml.suggest(scope, scopes));
            }
            directives.add(new Directive(required(dm, d, "comment"), scope));
        }
        List<SideFile> sideFiles = new ArrayList<>();
        for (Located f : list(m.get("side-files"), "side-files")) {
            Map<String, Located> fm = map(f, "a side file", SIDE_FILE_KEYS);
            String search = fm.containsKey("search") ? string(fm.get("search"), "search") : "dir";
            if (!List.of("dir", "ancestors").contains(search)) {
                throw error(fm.get("search"), "search must be dir or ancestors, not '" + search + "'");
            }
            String format = required(fm, f, "format");
            if (!SIDE_FORMATS.contains(format)) {
                throw error(fm.get("format"), "format must be one of " + String.join(", ", SIDE_FORMATS) + ", not '"
                        + format + "'" + SafeYaml.suggest(format, SIDE_FORMATS));
            }
            boolean checkOnly = format.equals("sqitch-plan");
            String path = required(fm, f, "path");
            if (path.startsWith("/") || path.contains("..")) {
                throw error(fm.get("path"), "a side file's path must stay beside the migration, not '" + path + "'");
            }
            String setting = fm.containsKey("setting") ? string(fm.get("setting"), "setting") : SideFile.TRANSACTION;
            sideFiles.add(new SideFile(path, search, format, checkOnly ? null : required(fm, f, "key"),
                    checkOnly ? null : required(fm, f, "off"), setting));
        }
        List<VersionFrom> versionFrom = new ArrayList<>();
        for (Located v : list(m.get("version-from"), "version-from")) {
            Map<String, Located> vm = map(v, "a version source", VERSION_KEYS);
            String vf = required(vm, v, "file");
            if (!VERSION_FILES.contains(vf)) {
                throw error(vm.get("file"), "version-from file must be one of " + String.join(", ", VERSION_FILES)
                        + ", not '" + vf + "'" + SafeYaml.suggest(vf, VERSION_FILES));
            }
            versionFrom.add(new VersionFrom(vf, strings(vm.get("packages"), "packages")));
        }
        String defaultVersion = m.containsKey("default-version") ? version(m.get("default-version"), "default-version") : null;
        List<Change> changes = new ArrayList<>();
        for (Located c : list(m.get("changes"), "changes")) {
            Map<String, Located> cm = map(c, "a change", CHANGE_KEYS);
            String effect = cm.containsKey("effect") ? string(cm.get("effect"), "effect") : "statement";
            if (!EFFECTS.contains(effect)) {
                throw error(cm.get("effect"), "effect must be one of " + String.join(", ", EFFECTS) + ", not '" + effect
                        + "'" + SafeYaml.suggest(effect, EFFECTS));
            }
            List<String> statements = strings(cm.get("statements"), "statements");
            if (statements.isEmpty()) {
                throw error(c, "a change needs statements");
            }
            for (String st : statements) {
                // Each * may span any number of words: two keep matching cheap on any statement.
                if (st.chars().filter(ch -> ch == '*').count() > 2 || st.length() > 200) {
                    throw error(cm.get("statements"), "a statement pattern has at most two * and 200 characters: '" + st + "'");
                }
            }
            changes.add(new Change(cm.containsKey("since") ? version(cm.get("since"), "since") : null,
                    statements.stream().map(st -> st.trim().toUpperCase(Locale.ROOT)).toList(), effect,
                    cm.containsKey("until-postgres") ? integer(cm.get("until-postgres"), "until-postgres") : 0,
                    cm.containsKey("unless") ? string(cm.get("unless"), "unless") : null,
                    required(cm, c, "says")));
        }
        boolean verifies = m.containsKey("verifies-checksums") && bool(m.get("verifies-checksums"), "verifies-checksums");
        boolean perDirectory = m.containsKey("per-directory") && bool(m.get("per-directory"), "per-directory");
        String sends = m.containsKey("unwrapped-sends") ? string(m.get("unwrapped-sends"), "unwrapped-sends") : "statements";
        if (!List.of("statements", "one-query").contains(sends)) {
            throw error(m.get("unwrapped-sends"), "unwrapped-sends must be statements or one-query, not '" + sends + "'"
                    + SafeYaml.suggest(sends, List.of("statements", "one-query")));
        }
        StatementBlock block = null;
        if (m.containsKey("statement-block")) {
            Map<String, Located> bm = map(m.get("statement-block"), "a statement block", BLOCK_KEYS);
            block = new StatementBlock(required(bm, m.get("statement-block"), "begin"),
                    required(bm, m.get("statement-block"), "end"));
        }
        boolean keysByVersion = m.containsKey("keys-by-version") && bool(m.get("keys-by-version"), "keys-by-version");
        String migrationOrder = m.containsKey("migration-order") ? string(m.get("migration-order"), "migration-order")
                : MigrationOrder.NATURAL;
        if (!MigrationOrder.KINDS.contains(migrationOrder)) {
            throw error(m.get("migration-order"), "migration-order must be one of " + String.join(", ", MigrationOrder.KINDS)
                    + ", not '" + migrationOrder + "'" + SafeYaml.suggest(migrationOrder, MigrationOrder.KINDS));
        }
        List<Source> sources = new ArrayList<>();
        for (Located s : list(m.get("sources"), "sources")) {
            Map<String, Located> sm = map(s, "a source", SOURCE_KEYS);
            sources.add(new Source(required(sm, s, "fact"), required(sm, s, "source")));
        }
        return new RunnerDescriptor(id, name, aliases, order, detect, wrapping, assumption, sections,
                globs(m.get("down-files"), "down-files"), globs(m.get("verify-files"), "verify-files"), directives,
                globs(m.get("no-transaction-files"), "no-transaction-files"),
                sideFiles, verifies, versionFrom, defaultVersion, changes, perDirectory, sources, file, sends.equals("one-query"),
                block, keysByVersion, migrationOrder, patterns(m.get("runs-names"), "runs-names"),
                !m.containsKey("reports-skipped") || bool(m.get("reports-skipped"), "reports-skipped"));
    }

    private Detect detect(Located d) throws ConfigException {
        Map<String, Located> m = map(d, "a detect entry", DETECT_KEYS);
        List<String> text = strings(m.get("text"), "text");
        for (String t : text) {
            if (!TextClues.NAMES.contains(t)) {
                throw error(m.get("text"), "unknown text clue '" + t + "'" + SafeYaml.suggest(t, TextClues.NAMES)
                        + " (one of " + String.join(", ", TextClues.NAMES) + ")");
            }
        }
        List<String> paths = strings(m.get("path"), "path");
        for (String p : paths) {
            try {
                new Glob(p);
            } catch (RuntimeException e) {
                throw error(m.get("path"), "invalid glob '" + p + "'");
            }
        }
        String manifest = m.containsKey("manifest") ? string(m.get("manifest"), "manifest") : null;
        List<String> contains = strings(m.get("contains"), "contains");
        if ((manifest == null) != contains.isEmpty()) {
            throw error(d, "manifest and contains go together");
        }
        List<String> markers = strings(m.get("marker"), "marker");
        for (String mk : markers) {
            if (mk.startsWith("/") || mk.contains("..")) {
                throw error(m.get("marker"), "a marker is a path below the migration's directories, not '" + mk + "'");
            }
        }
        if (text.isEmpty() && paths.isEmpty() && markers.isEmpty() && manifest == null) {
            throw error(d, "a detect entry needs at least one of " + String.join(", ", DETECT_KEYS));
        }
        return new Detect(text, paths, markers, manifest, contains);
    }

    /** Markers and options are compared without white space and case (see {@link Section}). */
    public static String comment(String s) {
        return CommentKey.of(s);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Located> map(Located node, String what, List<String> keys) throws ConfigException {
        if (!(node.value() instanceof Map)) {
            throw error(node, what + " must be a mapping");
        }
        Map<String, Located> m = (Map<String, Located>) node.value();
        for (Map.Entry<String, Located> e : m.entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw error(e.getValue(), "unknown key '" + e.getKey() + "' in " + what + SafeYaml.suggest(e.getKey(), keys)
                        + " (valid keys: " + String.join(", ", keys) + ")");
            }
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private List<Located> list(Located node, String key) throws ConfigException {
        if (node == null || node.value() == null) {
            return List.of();
        }
        if (!(node.value() instanceof List)) {
            throw error(node, key + " must be a list");
        }
        return (List<Located>) node.value();
    }

    /**
     * A list of regular expressions, each checked to compile as RE2/J compiles it (matching in linear time; an error at
     * its line, not a crash later).
     */
    private List<String> patterns(Located node, String key) throws ConfigException {
        List<String> patterns = strings(node, key);
        for (String p : patterns) {
            String problem = RunnerNames.problem(p);
            if (problem != null) {
                throw error(node, "invalid regular expression '" + p + "' in " + key + ": " + problem);
            }
        }
        return patterns;
    }

    /** A list of globs over paths, each checked to be one (a bad pattern is an error at its line, not a crash later). */
    private List<String> globs(Located node, String key) throws ConfigException {
        List<String> globs = strings(node, key);
        for (String g : globs) {
            try {
                new Glob(g);
            } catch (RuntimeException e) {
                throw error(node, "invalid glob '" + g + "' in " + key);
            }
        }
        return globs;
    }

    private List<String> strings(Located node, String key) throws ConfigException {
        if (node == null || node.value() == null) {
            return List.of();
        }
        if (node.value() instanceof String s) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (Located item : list(node, key)) {
            out.add(string(item, key));
        }
        return out;
    }

    private String required(Map<String, Located> m, Located parent, String key) throws ConfigException {
        Located v = m.get(key);
        if (v == null || v.value() == null) {
            throw error(parent, "missing '" + key + "'");
        }
        String s = string(v, key);
        if (s.isBlank()) {
            throw error(v, key + " must not be empty");
        }
        return s;
    }

    private String string(Located v, String key) throws ConfigException {
        Object o = v.value();
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Long || o instanceof Double) {
            return String.valueOf(o);
        }
        throw error(v, key + " must be text");
    }

    private String version(Located v, String key) throws ConfigException {
        String s = string(v, key).trim();
        if (!VERSION.matcher(s).matches()) {
            throw error(v, key + " must be a version such as 2.109.0, not '" + s + "'");
        }
        return s;
    }

    private int integer(Located v, String key) throws ConfigException {
        if (v.value() instanceof Long l && l >= 0 && l < 100_000) {
            return (int) (long) l;
        }
        throw error(v, key + " must be a whole number");
    }

    private boolean bool(Located v, String key) throws ConfigException {
        if (v.value() instanceof Boolean b) {
            return b;
        }
        throw error(v, key + " must be true or false");
    }

    private ConfigException error(Located at, String message) {
        return new ConfigException(file, at == null ? 0 : at.line(), message);
    }
}
