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

/** Finds and reads {@code .migralint.yml}, validating every key with file:line errors. */
public final class ConfigLoader {
    public static final String FILE_NAME = ".migralint.yml";
    static final List<String> KEYS = List.of("include", "exclude", "dialect", "framework", "postgres-version",
            "transaction", "rules", "rule-dirs", "fail-on", "baseline", "lock-timeout", "max-file-size",
            "require-ignore-reason");

    private ConfigLoader() {
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

    @SuppressWarnings("unchecked")
    public static Config parse(Path file, String text) throws ConfigException {
        String name = file.toString();
        Path root = file.toAbsolutePath().getParent();
        Config c = Config.defaults(root);
        if (text.isBlank()) {
            return new Config(root, file, c.include(), c.exclude(), null, null, c.postgresVersion(), c.transaction(),
                    c.rules(), c.ruleDirs(), c.failOn(), null, c.lockTimeout(), c.maxFileBytes(), c.requireIgnoreReason());
        }
        Located top = SafeYaml.parse(name, text);
        if (!(top.value() instanceof Map)) {
            throw new ConfigException(name, top.line(), "the configuration must be a mapping of keys");
        }
        Map<String, Located> m = (Map<String, Located>) top.value();
        for (Map.Entry<String, Located> e : m.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new ConfigException(name, e.getValue().line(), "unknown key '" + e.getKey() + "'"
                        + SafeYaml.suggest(e.getKey(), KEYS));
            }
        }
        List<String> include = strings(name, m.get("include"));
        List<String> exclude = strings(name, m.get("exclude"));
        String dialect = scalar(name, m.get("dialect"));
        if (dialect != null && !List.of("postgresql", "postgres", "mysql", "mariadb", "sqlite", "auto").contains(dialect.toLowerCase(Locale.ROOT))) {
            throw new ConfigException(name, m.get("dialect").line(), "dialect must be postgresql, mysql, sqlite or auto");
        }
        if ("auto".equalsIgnoreCase(dialect)) {
            dialect = null;
        }
        String framework = scalar(name, m.get("framework"));
        int pg = c.postgresVersion();
        if (m.containsKey("postgres-version")) {
            Object v = m.get("postgres-version").value();
            try {
                pg = (int) Double.parseDouble(String.valueOf(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(name, m.get("postgres-version").line(), "postgres-version must be a number such as 15");
            }
            if (pg < 9 || pg > 30) {
                throw new ConfigException(name, m.get("postgres-version").line(), "postgres-version " + pg + " is out of range");
            }
        }
        TransactionMode tx = c.transaction();
        if (m.containsKey("transaction")) {
            String v = scalar(name, m.get("transaction"));
            try {
                tx = TransactionMode.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException(name, m.get("transaction").line(), "transaction must be auto, always or never");
            }
        }
        RuleOverrides rules = rules(name, m.get("rules"));
        List<Path> ruleDirs = new ArrayList<>();
        for (String d : strings(name, m.get("rule-dirs"))) {
            ruleDirs.add(root.resolve(d).normalize());
        }
        Severity failOn = c.failOn();
        if (m.containsKey("fail-on")) {
            Located v = m.get("fail-on");
            failOn = Severity.parse(scalar(name, v)).orElseThrow(() ->
                    new ConfigException(name, v.line(), "fail-on must be error, warning or notice"));
        }
        Path baseline = m.containsKey("baseline") ? root.resolve(scalar(name, m.get("baseline"))).normalize() : null;
        String lockTimeout = m.containsKey("lock-timeout") ? scalar(name, m.get("lock-timeout")) : c.lockTimeout();
        if (lockTimeout == null || !lockTimeout.matches("\\d+\\s*(ms|s|min)?")) {
            throw new ConfigException(name, m.get("lock-timeout").line(), "lock-timeout must look like 5s, 500ms or 1min");
        }
        long maxBytes = c.maxFileBytes();
        if (m.containsKey("max-file-size")) {
            maxBytes = parseSize(name, m.get("max-file-size"));
        }
        boolean requireReason = c.requireIgnoreReason();
        if (m.containsKey("require-ignore-reason")) {
            Object v = m.get("require-ignore-reason").value();
            if (!(v instanceof Boolean b)) {
                throw new ConfigException(name, m.get("require-ignore-reason").line(), "require-ignore-reason must be true or false");
            }
            requireReason = b;
        }
        return new Config(root, file, include, exclude, dialect, framework, pg, tx, rules, ruleDirs, failOn, baseline,
                lockTimeout, maxBytes, requireReason);
    }

    private static long parseSize(String name, Located v) throws ConfigException {
        String s = String.valueOf(v.value()).trim().toUpperCase(Locale.ROOT);
        try {
            if (s.endsWith("MB")) {
                return Long.parseLong(s.substring(0, s.length() - 2).trim()) * 1024 * 1024;
            }
            if (s.endsWith("KB")) {
                return Long.parseLong(s.substring(0, s.length() - 2).trim()) * 1024;
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ConfigException(name, v.line(), "max-file-size must be bytes or like 16MB");
        }
    }

    @SuppressWarnings("unchecked")
    private static RuleOverrides rules(String name, Located node) throws ConfigException {
        if (node == null || node.value() == null) {
            return RuleOverrides.none();
        }
        if (!(node.value() instanceof Map)) {
            throw new ConfigException(name, node.line(), "rules must map rule ids to off, on, error, warning or notice");
        }
        Set<String> disabled = new LinkedHashSet<>();
        Set<String> enabled = new LinkedHashSet<>();
        Map<String, Severity> severities = new LinkedHashMap<>();
        for (Map.Entry<String, Located> e : ((Map<String, Located>) node.value()).entrySet()) {
            Object v = e.getValue().value();
            String s = v instanceof Boolean b ? (b ? "on" : "off") : String.valueOf(v).toLowerCase(Locale.ROOT);
            switch (s) {
                case "off", "false", "disable", "disabled" -> disabled.add(e.getKey());
                case "on", "true", "enable", "enabled" -> enabled.add(e.getKey());
                default -> {
                    Optional<Severity> sev = Severity.parse(s);
                    if (sev.isEmpty()) {
                        throw new ConfigException(name, e.getValue().line(), "rule " + e.getKey()
                                + ": expected off, on, error, warning or notice, got '" + v + "'");
                    }
                    severities.put(e.getKey(), sev.get());
                    enabled.add(e.getKey());
                }
            }
        }
        return new RuleOverrides(Set.copyOf(disabled), Set.copyOf(enabled), Map.copyOf(severities));
    }

    private static String scalar(String name, Located v) throws ConfigException {
        if (v == null || v.value() == null) {
            return null;
        }
        if (v.value() instanceof Map || v.value() instanceof List) {
            throw new ConfigException(name, v.line(), "expected a single value");
        }
        return v.value().toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(String name, Located v) throws ConfigException {
        if (v == null || v.value() == null) {
            return List.of();
        }
        if (v.value() instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Located item : (List<Located>) list) {
                out.add(scalar(name, item));
            }
            return out;
        }
        return List.of(scalar(name, v));
    }
}
