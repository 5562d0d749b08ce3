package dev.migralint.config;

import dev.migralint.config.SafeYaml.Located;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds and reads {@code .migralint.yml}, validating every key with file:line errors. A key written with no value
 * keeps its default. Rule ids and the framework name are checked against what is loaded later, in the command line's
 * setup, with the lines recorded in {@link Config#lines()}.
 */
public final class ConfigLoader {
    public static final String FILE_NAME = ".migralint.yml";
    static final List<String> KEYS = List.of("include", "exclude", "dialect", "framework", "postgres-version",
            "transaction", "rules", "rule-dirs", "fail-on", "baseline", "lock-timeout", "max-file-size",
            "require-ignore-reason", "runner-version", "runners", "stats", "extends", "releases", "deployment");
    static final List<String> RELEASES_KEYS = List.of("tags");
    static final List<String> STATS_KEYS = List.of("file", "small-table", "max-age-days");
    static final List<String> SMALL_TABLE_KEYS = List.of("rows", "bytes");
    static final List<String> RULE_SETS = List.of("recommended", "strict");
    static final List<String> DIALECTS = List.of("postgresql", "postgres", "mysql", "mariadb", "sqlite", "cockroachdb",
            "clickhouse", "auto");
    static final List<String> RULE_SETTINGS = List.of("off", "on", "error", "warning", "notice");

    /** Compiled when a configuration file is read, not by every run that has none (a hook's start-up). */
    private static final class Syntax {
        static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
        static final Pattern LOCK_TIMEOUT = Pattern.compile("\\d+\\s*(ms|s|min)?");
        static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,3}");
        static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|K|MB|M|GB|G)?", Pattern.CASE_INSENSITIVE);
    }

    private final String name;
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    private ConfigLoader(String name) {
        this.name = name;
    }

    /** Walks up from {@code start} to the first directory holding .migralint.yml (stopping at a git root). */
    public static Optional<Path> find(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        while (dir != null) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.empty();
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    public static Config load(Path file) throws ConfigException {
        String text;
        try {
            if (Files.size(file) > SafeYaml.MAX_CHARS) {
                throw new ConfigException(file.toString(), 0, "configuration file is too large");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    public static Config parse(Path file, String text) throws ConfigException {
        return new ConfigLoader(file.toString()).read(file, text);
    }

    private ConfigException error(Located at, String message) {
        return new ConfigException(name, at == null ? 0 : at.line(), message);
    }

    @SuppressWarnings("unchecked")
    private Config read(Path file, String text) throws ConfigException {
        Path root = file.toAbsolutePath().getParent();
        Config c = Config.defaults(root);
        if (text.isBlank() || isOnlyComments(text)) {
            return new Config(root, file, c.include(), c.exclude(), null, null, c.postgresVersion(), c.transaction(),
                    c.rules(), c.ruleDirs(), c.failOn(), null, c.lockTimeout(), c.maxFileBytes(),
                    c.requireIgnoreReason(), Map.of());
        }
        Located top = SafeYaml.parse(name, text);
        if (!(top.value() instanceof Map)) {
            throw error(top, "the configuration must be a mapping of keys such as 'include:' and 'rules:'");
        }
        Map<String, Located> m = new LinkedHashMap<>();
        for (Map.Entry<String, Located> e : ((Map<String, Located>) top.value()).entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw error(e.getValue(), "unknown key '" + e.getKey() + "'" + SafeYaml.suggest(e.getKey(), KEYS)
                        + " (valid keys: " + String.join(", ", KEYS) + ")");
            }
            lines.put(e.getKey(), e.getValue().line());
            if (e.getValue().value() != null) {
                m.put(e.getKey(), e.getValue()); // a key with no value keeps its default
            }
        }
        List<String> include = globs("include", m.get("include"));
        List<String> exclude = globs("exclude", m.get("exclude"));

        String dialect = string("dialect", m.get("dialect"));
        if (dialect != null) {
            dialect = dialect.toLowerCase(Locale.ROOT);
            if (!DIALECTS.contains(dialect)) {
                throw error(m.get("dialect"), "dialect must be postgresql, mysql, sqlite, cockroachdb, clickhouse or auto, not '" + dialect + "'"
                        + SafeYaml.suggest(dialect, DIALECTS));
            }
            if (dialect.equals("auto")) {
                dialect = null;
            }
        }
        String framework = string("framework", m.get("framework"));
        if (framework != null && (framework.equalsIgnoreCase("auto") || framework.isBlank())) {
            framework = null;
        }
        int pg = m.containsKey("postgres-version") ? postgresVersion(m.get("postgres-version")) : c.postgresVersion();

        TransactionMode tx = c.transaction();
        if (m.containsKey("transaction")) {
            String v = string("transaction", m.get("transaction"));
            try {
                tx = TransactionMode.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(m.get("transaction"), "transaction must be auto, always or never, not '" + v + "'"
                        + SafeYaml.suggest(v.toLowerCase(Locale.ROOT), List.of("auto", "always", "never")));
            }
        }
        boolean requireReason = c.requireIgnoreReason();
        if (m.containsKey("require-ignore-reason")) {
            Located v = m.get("require-ignore-reason");
            if (!(v.value() instanceof Boolean b)) {
                throw error(v, "require-ignore-reason must be true or false, not " + describe(v.value()));
            }
            requireReason = b;
        }
        RuleOverrides rules = rules(m.get("rules")).withRequireIgnoreReason(requireReason).withSets(sets(m.get("extends")))
                .withOffline(offline(m.get("deployment")));

        List<Path> ruleDirs = new ArrayList<>();
        List<String> dirs = strings("rule-dirs", m.get("rule-dirs"), "a directory");
        for (String d : dirs) {
            if (d.isBlank()) {
                throw error(m.get("rule-dirs"), "rule-dirs: an empty directory name");
            }
            ruleDirs.add(root.resolve(d).normalize());
        }
        Severity failOn = c.failOn();
        if (m.containsKey("fail-on")) {
            Located v = m.get("fail-on");
            String s = string("fail-on", v);
            failOn = Severity.parse(s).orElseThrow(() -> error(v, "fail-on must be error, warning or notice, not '"
                    + s + "'" + SafeYaml.suggest(s.toLowerCase(Locale.ROOT), List.of("error", "warning", "notice"))));
        }
        Path baseline = null;
        if (m.containsKey("baseline")) {
            String b = string("baseline", m.get("baseline"));
            if (b.isBlank()) {
                throw error(m.get("baseline"), "baseline must name a file, e.g. .migralint-baseline.json");
            }
            baseline = root.resolve(b).normalize();
        }
        String lockTimeout = c.lockTimeout();
        if (m.containsKey("lock-timeout")) {
            Located v = m.get("lock-timeout");
            if (v.value() instanceof Boolean) {
                throw error(v, "lock-timeout must look like 5s, 500ms or 1min, not " + describe(v.value()));
            }
            lockTimeout = String.valueOf(v.value()).trim();
            if (v.value() instanceof Map || v.value() instanceof List || !Syntax.LOCK_TIMEOUT.matcher(lockTimeout).matches()) {
                throw error(v, "lock-timeout must look like 5s, 500ms or 1min, not " + describe(v.value()));
            }
        }
        long maxBytes = m.containsKey("max-file-size") ? size(m.get("max-file-size")) : c.maxFileBytes();
        Map<String, String> runnerVersions = runnerVersions(m.get("runner-version"));
        List<Located> runners = new ArrayList<>();
        if (m.containsKey("runners")) {
            Located r = m.get("runners");
            if (!(r.value() instanceof List)) {
                throw error(r, "runners must be a list of runner descriptors (see docs/runners.md)");
            }
            runners.addAll((List<Located>) r.value());
        }
        StatsSettings stats = stats(m.get("stats"));
        String releaseTags = releaseTags(m.get("releases"));
        return new Config(root, file, include, exclude, dialect, framework, pg, tx, rules, ruleDirs, failOn, baseline,
                lockTimeout, maxBytes, requireReason, lines, runnerVersions, runners, stats, releaseTags);
    }

    /**
     * {@code releases: {tags: 'v*'}}: the glob (git's, as {@code git describe --match} takes it) that release tags
     * match; null when absent.
     */
    private String releaseTags(Located v) throws ConfigException {
        if (v == null) {
            return null;
        }
        if (!(v.value() instanceof Map)) {
            throw error(v, "releases must be a mapping such as 'releases: {tags: \"v*\"}'");
        }
        Map<String, Located> m = mapping("releases", v, RELEASES_KEYS);
        Located tags = m.get("tags");
        if (tags == null || !(tags.value() instanceof String s) || s.isBlank() || s.indexOf('\n') >= 0) {
            throw error(tags == null ? v : tags, "releases.tags must be the glob your release tags match, such as 'v*'");
        }
        return s.strip();
    }

    /** {@code stats: {file: F, small-table: {rows: N, bytes: SIZE}, max-age-days: N}}; every key optional. */
    @SuppressWarnings("unchecked")
    private StatsSettings stats(Located v) throws ConfigException {
        StatsSettings d = StatsSettings.defaults();
        if (v == null) {
            return d;
        }
        if (!(v.value() instanceof Map)) {
            throw error(v, "stats must be a mapping such as 'stats: {file: .migralint/stats.json, small-table: {rows: 100000}}'");
        }
        Map<String, Located> m = mapping("stats", v, STATS_KEYS);
        String file = d.file();
        boolean fileSet = false;
        if (m.containsKey("file")) {
            file = string("stats.file", m.get("file"));
            if (file.isBlank()) {
                throw error(m.get("file"), "stats.file must name a file, e.g. .migralint/stats.json");
            }
            fileSet = true;
        }
        long rows = d.smallRows();
        long bytes = d.smallBytes();
        if (m.containsKey("small-table")) {
            Located st = m.get("small-table");
            if (!(st.value() instanceof Map)) {
                throw error(st, "stats.small-table must be a mapping such as '{rows: 100000, bytes: 100MB}'");
            }
            Map<String, Located> small = mapping("stats.small-table", st, SMALL_TABLE_KEYS);
            if (small.containsKey("rows")) {
                Located r = small.get("rows");
                if (!(r.value() instanceof Long l) || l < 0) {
                    throw error(r, "stats.small-table.rows must be a whole number of rows, not " + describe(r.value()));
                }
                rows = l;
            }
            if (small.containsKey("bytes")) {
                bytes = size("stats.small-table.bytes", small.get("bytes"));
            }
        }
        int maxAge = d.maxAgeDays();
        if (m.containsKey("max-age-days")) {
            Located a = m.get("max-age-days");
            if (!(a.value() instanceof Long l) || l < 1 || l > 36500) {
                throw error(a, "stats.max-age-days must be a number of days from 1 to 36500, not " + describe(a.value()));
            }
            maxAge = l.intValue();
        }
        return new StatsSettings(file, fileSet, rows, bytes, maxAge);
    }

    /** A nested mapping's entries with values, unknown keys refused with the nearest valid one. */
    @SuppressWarnings("unchecked")
    private Map<String, Located> mapping(String key, Located v, List<String> keys) throws ConfigException {
        Map<String, Located> out = new LinkedHashMap<>();
        for (Map.Entry<String, Located> e : ((Map<String, Located>) v.value()).entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw error(e.getValue(), key + ": unknown key '" + e.getKey() + "'" + SafeYaml.suggest(e.getKey(), keys)
                        + " (valid keys: " + String.join(", ", keys) + ")");
            }
            if (e.getValue().value() != null) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * {@code runner-version: 2.108.0} (for whatever runner is detected) or a mapping by runner id
     * ({@code runner-version: {supabase: 2.108.0}}).
     */
    @SuppressWarnings("unchecked")
    private Map<String, String> runnerVersions(Located v) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v.value() instanceof Map) {
            for (Map.Entry<String, Located> e : ((Map<String, Located>) v.value()).entrySet()) {
                out.put(e.getKey().toLowerCase(Locale.ROOT), version(e.getValue()));
            }
        } else {
            out.put("*", version(v));
        }
        return out;
    }

    private String version(Located v) throws ConfigException {
        Object o = v.value();
        String s = o instanceof String || o instanceof Long || o instanceof Double ? String.valueOf(o).trim() : "";
        if (s.startsWith("v")) {
            s = s.substring(1);
        }
        if (!Syntax.VERSION.matcher(s).matches()) {
            throw error(v, "runner-version must be a version such as 2.109.0, not " + describe(o));
        }
        return s;
    }

    private static boolean isOnlyComments(String text) {
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.equals("---")) {
                return false;
            }
        }
        return true;
    }

    private int postgresVersion(Located v) throws ConfigException {
        Object value = v.value();
        int pg;
        if (value instanceof Long l) {
            pg = l > Integer.MAX_VALUE ? Integer.MAX_VALUE : l.intValue();
        } else if (value instanceof Double d) {
            pg = d.intValue(); // 9.6 means 9
        } else if (value instanceof String s && s.trim().matches("\\d+(\\.\\d+)?")) {
            pg = (int) Double.parseDouble(s.trim());
        } else {
            throw error(v, "postgres-version must be a major version number such as 15, not " + describe(value));
        }
        if (pg < 9 || pg > 30) {
            throw error(v, "postgres-version " + pg + " is out of range (9 to 30)");
        }
        return pg;
    }

    private long size(Located v) throws ConfigException {
        return size("max-file-size", v);
    }

    private long size(String key, Located v) throws ConfigException {
        Object value = v.value();
        long bytes;
        if (value instanceof Long l) {
            bytes = l;
        } else if (value instanceof String s && Syntax.SIZE.matcher(s.trim()).matches()) {
            var mt = Syntax.SIZE.matcher(s.trim());
            mt.matches();
            String unit = mt.group(2) == null ? "B" : mt.group(2).toUpperCase(Locale.ROOT);
            long factor = switch (unit) {
                case "KB", "K" -> 1024L;
                case "MB", "M" -> 1024L * 1024;
                case "GB", "G" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            try {
                bytes = Math.multiplyExact(Long.parseLong(mt.group(1)), factor);
            } catch (ArithmeticException | NumberFormatException e) {
                throw error(v, key + " is too large");
            }
        } else {
            throw error(v, key + " must be a number of bytes or a size such as 16MB or 512KB, not " + describe(value));
        }
        if (bytes <= 0) {
            throw error(v, key + " must be greater than zero");
        }
        return bytes;
    }

    /** {@code extends: strict} (or a list): the rule sets that run; recommended always does. */
    private Set<String> sets(Located node) throws ConfigException {
        Set<String> sets = new LinkedHashSet<>(RuleOverrides.DEFAULT_SETS);
        if (node == null) {
            return sets;
        }
        List<Located> items = node.value() instanceof List<?> l ? castList(l) : List.of(node);
        for (Located item : items) {
            if (!(item.value() instanceof String name) || !RULE_SETS.contains(name.trim().toLowerCase(Locale.ROOT))) {
                throw error(item, "extends names a rule set: recommended or strict, not " + describe(item.value())
                        + (item.value() instanceof String str ? SafeYaml.suggest(str, RULE_SETS) : ""));
            }
            sets.add(name.trim().toLowerCase(Locale.ROOT));
        }
        return sets;
    }

    @SuppressWarnings("unchecked")
    private static List<Located> castList(List<?> l) {
        return (List<Located>) l;
    }

    @SuppressWarnings("unchecked")
    private RuleOverrides rules(Located node) throws ConfigException {
        if (node == null) {
            return RuleOverrides.none();
        }
        if (!(node.value() instanceof Map)) {
            throw error(node, "rules must map rule ids to off, on, error, warning or notice, e.g. 'rules: {ban-truncate: off}'");
        }
        Set<String> disabled = new LinkedHashSet<>();
        Set<String> enabled = new LinkedHashSet<>();
        Map<String, Severity> severities = new LinkedHashMap<>();
        for (Map.Entry<String, Located> e : ((Map<String, Located>) node.value()).entrySet()) {
            String id = e.getKey();
            Located at = e.getValue();
            if (!Syntax.RULE_ID.matcher(id).matches()) {
                throw error(at, "rules: '" + id + "' is not a rule id (rule ids are kebab-case, e.g. ban-drop-table)");
            }
            lines.put("rules." + id, at.line());
            Object v = at.value();
            if (v == null || v instanceof Map || v instanceof List || v instanceof Number) {
                throw error(at, "rule " + id + ": expected off, on, error, warning or notice, not " + describe(v));
            }
            String s = v instanceof Boolean b ? (b ? "on" : "off") : String.valueOf(v).trim().toLowerCase(Locale.ROOT);
            switch (s) {
                case "off", "false", "disable", "disabled" -> disabled.add(id);
                case "on", "true", "enable", "enabled" -> enabled.add(id);
                default -> {
                    Optional<Severity> sev = Severity.parse(s);
                    if (sev.isEmpty()) {
                        throw error(at, "rule " + id + ": expected off, on, error, warning or notice, not '" + v + "'"
                                + SafeYaml.suggest(s, RULE_SETTINGS));
                    }
                    severities.put(id, sev.get());
                    enabled.add(id);
                }
            }
        }
        return new RuleOverrides(Set.copyOf(disabled), Set.copyOf(enabled), Map.copyOf(severities));
    }

    /** {@code deployment: rolling} (the default: the previous release serves while migrations run) or {@code offline}. */
    private boolean offline(Located v) throws ConfigException {
        String s = string("deployment", v);
        if (s == null || s.equals("rolling")) {
            return false;
        }
        if (s.equals("offline")) {
            return true;
        }
        throw error(v, "deployment must be rolling (the previous release serves while migrations run) or offline "
                + "(nothing serves while they run), not '" + s + "'" + SafeYaml.suggest(s, List.of("rolling", "offline")));
    }

    /** A single string value; numbers and booleans are refused where a name is expected. */
    private String string(String key, Located v) throws ConfigException {
        if (v == null) {
            return null;
        }
        if (!(v.value() instanceof String s)) {
            throw error(v, key + " must be a single string, not " + describe(v.value()));
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String key, Located v, String what) throws ConfigException {
        if (v == null) {
            return List.of();
        }
        if (v.value() instanceof String s) {
            return List.of(s);
        }
        if (!(v.value() instanceof List<?>)) {
            throw error(v, key + " must be " + what + " or a list of them, not " + describe(v.value()));
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (Located item : (List<Located>) v.value()) {
            if (!(item.value() instanceof String s)) {
                throw error(item, key + "[" + i + "] must be " + what + " (a string), not " + describe(item.value()));
            }
            lines.put(key + "[" + i + "]", item.line());
            out.add(s);
            i++;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<String> globs(String key, Located v) throws ConfigException {
        List<String> out = strings(key, v, "a glob");
        for (int i = 0; i < out.size(); i++) {
            String problem = globProblem(out.get(i));
            if (problem != null) {
                Located at = v.value() instanceof List<?> l ? ((List<Located>) l).get(i) : v;
                throw error(at, key + ": bad glob '" + out.get(i) + "': " + problem);
            }
        }
        return out;
    }

    /**
     * What is wrong with a glob, or null when it is fine. Globs are git-style, relative to the configuration file's
     * directory, with forward slashes: {@code **} crosses directories, {@code *} and {@code ?} do not,
     * {@code {a,b}} and {@code [abc]} choose.
     */
    public static String globProblem(String glob) {
        if (glob.isBlank()) {
            return "it is empty";
        }
        if (glob.indexOf('\\') >= 0) {
            return "use forward slashes ('/') in globs";
        }
        if (glob.startsWith("/") || glob.matches("^[A-Za-z]:.*")) {
            return "globs are relative to the configuration file's directory; remove the leading '/'";
        }
        for (String part : glob.split("/")) {
            if (part.equals("..")) {
                return "'..' cannot match: globs only match files below the configuration file's directory";
            }
        }
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            if (ch == '{') {
                braces++;
            } else if (ch == '}') {
                if (--braces < 0) {
                    return "'}' at position " + (i + 1) + " closes no '{'";
                }
            } else if (ch == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    return "'[' at position " + (i + 1) + " is never closed with ']'";
                }
                String set = glob.substring(i + 1, close);
                if (set.startsWith("!")) {
                    set = "^" + set.substring(1);
                }
                try {
                    Pattern.compile("[" + set + "]");
                } catch (PatternSyntaxException e) {
                    return "bad character class [" + glob.substring(i + 1, close) + "]: " + e.getDescription();
                }
                i = close;
            } else if (ch == ']') {
                return "']' at position " + (i + 1) + " closes no '['";
            } else if (ch == '*' && i + 2 < glob.length() && glob.charAt(i + 1) == '*' && glob.charAt(i + 2) == '*') {
                return "'***' is not a glob pattern; use '**' to cross directories";
            }
        }
        if (braces > 0) {
            return "'{' is never closed with '}'";
        }
        return null;
    }

    static String describe(Object value) {
        if (value == null) {
            return "an empty value";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Boolean b) {
            return "the boolean " + b;
        }
        if (value instanceof Number n) {
            return "the number " + n;
        }
        return "'" + value + "'";
    }
}
