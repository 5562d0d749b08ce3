package dev.migralint.workspace;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the version a project pins for a package from its manifest or lock file, and compares versions. Ranges are
 * read by their lower bound ({@code ^2.109.0} is 2.109.0), which is what an install resolves to at least.
 */
public final class RunnerVersions {
    private static final Pattern LEADING = Pattern.compile("(\\d+(?:\\.\\d+){0,3})");

    private RunnerVersions() {
    }

    /** The version of {@code pkg} that {@code file} (by its name) pins, or null. */
    public static String find(String file, String text, String pkg) {
        Pattern p = PATTERNS.computeIfAbsent(file + "\u0000" + pkg, k -> pattern(file, pkg)).orElse(null);
        if (p == null) {
            return null;
        }
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return null;
        }
        String raw = m.group(1) != null ? m.group(1) : m.groupCount() > 1 ? m.group(2) : null;
        if (raw != null && file.equals("pom.xml") && raw.startsWith("${") && raw.endsWith("}")) {
            // A Maven property: <properties><flyway.version>10.1.0</flyway.version></properties>.
            Matcher prop = Pattern.compile("<" + Pattern.quote(raw.substring(2, raw.length() - 1)) + ">\\s*([^<\\s]+)\\s*</")
                    .matcher(text);
            raw = prop.find() ? prop.group(1) : null;
        }
        return normalize(raw);
    }

    /** The pattern for a package in a manifest or lock file, compiled once per run. */
    private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();

    private static Optional<Pattern> pattern(String file, String pkg) {
        String q = Pattern.quote(pkg);
        Pattern p = switch (file) {
            case "package.json" -> Pattern.compile("\"" + q + "\"\\s*:\\s*\"([^\"]*)\"");
            case "package-lock.json" -> Pattern.compile("\"node_modules/" + q + "\"\\s*:\\s*\\{[^}]*?\"version\"\\s*:\\s*\"([^\"]+)\"");
            case "pnpm-lock.yaml" -> Pattern.compile("(?m)^\\s+'?/?" + q + "@([0-9][^:('\\s]*)");
            case "yarn.lock" -> Pattern.compile("(?m)^\"?" + q + "@[^\\n]*:\\n\\s+version:?\\s+\"?([^\"\\n]+)");
            case "go.mod" -> Pattern.compile("(?m)^\\s*(?:require\\s+)?" + q + "\\s+v([0-9][^\\s]*)");
            case "Cargo.toml" -> Pattern.compile("(?m)^\\s*" + q + "\\s*=\\s*(?:\"([^\"]+)\"|\\{[^}\\n]*?version\\s*=\\s*\"([^\"]+)\")");
            case "Cargo.lock" -> Pattern.compile("name\\s*=\\s*\"" + q + "\"\\s*\\n\\s*version\\s*=\\s*\"([^\"]+)\"");
            // Maven: the <version> of the <dependency> or <plugin> whose <artifactId> is the package.
            case "pom.xml" -> Pattern.compile("<artifactId>\\s*" + q + "\\s*</artifactId>(?:(?!</dependency>|</plugin>)[\\s\\S]){0,600}?"
                    + "<version>\\s*([^<\\s]+)\\s*</version>");
            // Gradle: "group:artifact:version" coordinates, or a plugin's id("...") version "...".
            case "build.gradle", "build.gradle.kts" -> Pattern.compile("[\"'][\\w.\\-]+:" + q + ":([0-9][^\"'\\s]*)[\"']"
                    + "|id\\s*\\(?\\s*[\"']" + q + "[\"']\\s*\\)?\\s*version\\s*\\(?\\s*[\"']([^\"']+)[\"']");
            default -> null;
        };
        return Optional.ofNullable(p);
    }

    /** The numeric version a pin starts with (after ^, ~, >=, v, workspace: and the like), or null. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = LEADING.matcher(raw);
        if (!m.find()) {
            return null;
        }
        // "npm:other@1.2.3", "file:../x" and tags such as "latest" name no version of this package.
        String before = raw.substring(0, m.start());
        if (!before.matches("[\\s^~>=<v]*")) {
            return null;
        }
        return m.group(1);
    }

    /** Compares dotted numeric versions: 2.109.0 &gt; 2.99.3; missing parts count as 0. */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long u = i < x.length ? parse(x[i]) : 0;
            long v = i < y.length ? parse(y[i]) : 0;
            if (u != v) {
                return Long.compare(u, v);
            }
        }
        return 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** True when {@code version} is at least {@code since}. */
    public static boolean atLeast(String version, String since) {
        return version != null && since != null && compare(version, since) >= 0;
    }
}
