package dev.migralint.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a project that used squawk has already accepted: squawk's rule names mapped to migralint's rule ids (for
 * {@code -- squawk-ignore} comments and a {@code .squawk.toml}'s {@code excluded_rules}). The table is documented in
 * docs/squawk.md; a squawk rule without a migralint counterpart maps to nothing.
 */
public final class Squawk {
    /** squawk's configuration file, at the root of the repository. */
    public static final String CONFIG_FILE = ".squawk.toml";

    private static final Map<String, List<String>> RULES = new LinkedHashMap<>();

    static {
        RULES.put("adding-field-with-default", List.of("adding-field-with-volatile-default"));
        RULES.put("adding-foreign-key-constraint", List.of("constraint-missing-not-valid"));
        RULES.put("adding-not-nullable-field", List.of("set-not-null-on-existing-column"));
        RULES.put("adding-required-field", List.of("adding-required-field"));
        RULES.put("adding-serial-primary-key-field", List.of("adding-primary-key", "adding-auto-increment-column"));
        RULES.put("ban-alter-domain-with-add-constraint", List.of("ban-alter-domain-with-add-constraint"));
        RULES.put("ban-char-field", List.of("ban-char-field"));
        RULES.put("ban-concurrent-index-creation-in-transaction", List.of("concurrently-in-transaction"));
        RULES.put("ban-create-domain-with-constraint", List.of("ban-create-domain-with-constraint"));
        RULES.put("ban-drop-column", List.of("ban-drop-column"));
        RULES.put("ban-drop-database", List.of("ban-drop-database"));
        RULES.put("ban-drop-not-null", List.of("ban-drop-not-null"));
        RULES.put("ban-drop-table", List.of("ban-drop-table"));
        RULES.put("ban-truncate-cascade", List.of("ban-truncate-cascade"));
        RULES.put("ban-uncommitted-transaction", List.of("ban-uncommitted-transaction"));
        RULES.put("changing-column-type", List.of("changing-column-type"));
        RULES.put("constraint-missing-not-valid", List.of("constraint-missing-not-valid"));
        RULES.put("disallowed-unique-constraint", List.of("unique-constraint-without-index"));
        RULES.put("prefer-big-int", List.of("prefer-bigint-keys"));
        RULES.put("prefer-bigint-over-int", List.of("prefer-bigint-keys"));
        RULES.put("prefer-bigint-over-smallint", List.of("prefer-bigint-keys"));
        RULES.put("prefer-identity", List.of("prefer-identity"));
        RULES.put("prefer-robust-stmts", List.of("prefer-if-not-exists", "prefer-if-exists"));
        RULES.put("prefer-text-field", List.of("prefer-text-field"));
        RULES.put("prefer-timestamptz", List.of("prefer-timestamptz"));
        RULES.put("renaming-column", List.of("renaming-column"));
        RULES.put("renaming-table", List.of("renaming-table"));
        RULES.put("require-concurrent-index-creation", List.of("require-concurrent-index"));
        RULES.put("require-concurrent-index-deletion", List.of("require-concurrent-index-drop"));
        RULES.put("require-timeout-settings", List.of("require-lock-timeout", "require-statement-timeout"));
        RULES.put("transaction-nesting", List.of("transaction-nesting"));
    }

    private static final Pattern EXCLUDED = Pattern.compile("(?m)^[ \\t]*excluded_rules[ \\t]*=[ \\t]*\\[([^\\]]*)\\]");
    private static final Pattern KEY = Pattern.compile("(?m)^[ \\t]*excluded_rules[ \\t]*=");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");

    private Squawk() {
    }

    /** squawk's rule names with the migralint rule ids each maps to, in squawk's order. */
    public static Map<String, List<String>> rules() {
        return Collections.unmodifiableMap(RULES);
    }

    /**
     * The migralint ids a squawk rule name stands for (case and {@code _} folded, as squawk's own parser accepts
     * {@code RequireConcurrentIndexCreation} too); empty when migralint has no counterpart.
     */
    public static List<String> migralintIds(String squawkName) {
        String n = squawkName.trim().replace('_', '-');
        if (!n.isEmpty() && Character.isUpperCase(n.charAt(0)) && !n.contains("-")) {
            n = n.replaceAll("([a-z0-9])([A-Z])", "$1-$2"); // RequireConcurrentIndexCreation
        }
        return RULES.getOrDefault(n.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * The migralint ids a {@code .squawk.toml} in {@code root} excludes, or none when there is no such file.
     *
     * @throws ConfigException when excluded_rules is there but not a list of strings
     */
    public static Set<String> excludedRules(Path root) throws ConfigException {
        Path file = root == null ? null : root.resolve(CONFIG_FILE);
        if (file == null || !Files.isRegularFile(file)) {
            return Set.of();
        }
        String text;
        try {
            if (Files.size(file) > SafeYaml.MAX_CHARS) {
                throw new ConfigException(file.toString(), 0, "file is too large");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return excludedRules(file.toString(), text);
    }

    static Set<String> excludedRules(String name, String text) throws ConfigException {
        Set<String> out = new LinkedHashSet<>();
        String code = stripComments(text);
        Matcher m = EXCLUDED.matcher(code);
        if (!m.find()) {
            Matcher key = KEY.matcher(code);
            if (key.find()) {
                throw new ConfigException(name, lineOf(text, key.start()), "excluded_rules must be a list of rule names, e.g. "
                        + "excluded_rules = [\"prefer-robust-stmts\"]");
            }
            return out;
        }
        String items = m.group(1);
        String rest = QUOTED.matcher(items).replaceAll("").replaceAll("[\\s,]", "");
        if (!rest.isEmpty()) {
            throw new ConfigException(name, lineOf(text, m.start()), "excluded_rules must be a list of quoted rule names");
        }
        Matcher q = QUOTED.matcher(items);
        while (q.find()) {
            out.addAll(migralintIds(q.group(1) != null ? q.group(1) : q.group(2)));
        }
        return out;
    }

    /** TOML comments (# to the end of the line, outside strings) removed, keeping the line structure. */
    private static String stripComments(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            boolean inDouble = false;
            boolean inSingle = false;
            int cut = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && inDouble) {
                    i++;
                } else if (c == '"' && !inSingle) {
                    inDouble = !inDouble;
                } else if (c == '\'' && !inDouble) {
                    inSingle = !inSingle;
                } else if (c == '#' && !inDouble && !inSingle) {
                    cut = i;
                    break;
                }
            }
            lines.add(line.substring(0, cut));
        }
        return String.join("\n", lines);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
