package dev.migralint.cache;

import dev.migralint.config.Config;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a run's results depend on besides its files, as text to hash: the running build (version and code) and the
 * run's scope (configuration, user rule files, baseline).
 */
public final class RunFingerprint {
    private RunFingerprint() {
    }

    /**
     * The fingerprint of everything besides the files and the build that results depend on, derived without loading
     * a rule: the configuration, the bytes of the user rule directories' files and of the baseline. (Bundled rules are
     * part of the build.)
     */
    public static String fingerprint(Config config) {
        StringBuilder b = new StringBuilder();
        b.append(canonical(config)).append('\n');
        for (Path ruleDir : config.ruleDirs()) {
            b.append("rules ").append(ruleDir).append('\n');
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(ruleDir)) {
                s.forEach(files::add);
            } catch (IOException | RuntimeException e) {
                b.append("unlistable ").append(System.nanoTime()).append('\n'); // never matches: no reuse without knowing them
            }
            files.sort(null);
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f)) {
                        b.append(f.getFileName()).append(' ').append(Hashes.hex(Hashes.sha256(Files.readAllBytes(f)))).append('\n');
                    }
                } catch (IOException | RuntimeException e) {
                    b.append("unreadable ").append(System.nanoTime()).append('\n');
                }
            }
        }
        // The table statistics snapshot decides severities and messages (docs/stats.md).
        try {
            Path stats = config.stats().path(config.root());
            if (Files.isRegularFile(stats)) {
                b.append("stats ").append(Hashes.hex(Hashes.sha256(Files.readAllBytes(stats)))).append('\n');
            }
        } catch (IOException | RuntimeException e) {
            b.append("unreadable stats ").append(System.nanoTime()).append('\n');
        }
        if (config.baseline() != null) {
            Path baseline = config.root() == null ? config.baseline() : config.root().resolve(config.baseline());
            try {
                b.append("baseline ").append(Hashes.hex(Hashes.sha256(Files.readAllBytes(baseline))));
            } catch (IOException | RuntimeException e) {
                b.append("no-baseline");
            }
        }
        return b.toString();
    }

    /**
     * Identifies the running migralint build: its version and its code (the jar's size and time, or for a classes
     * directory the newest class or rule file), so that entries written by other code or bundled rules are never read.
     */
    public static String buildIdentity(String version) {
        StringBuilder b = new StringBuilder(version);
        try {
            Path code = codeLocation();
            b.append('|').append(code);
            if (Files.isRegularFile(code)) {
                b.append('|').append(Files.size(code)).append('|').append(Files.getLastModifiedTime(code).toMillis());
            } else if (Files.isDirectory(code)) {
                long newest = 0;
                long count = 0;
                try (Stream<Path> s = Files.walk(code)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        if (p.toString().endsWith(".class") || p.toString().endsWith(".yml")) {
                            newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
                            count++;
                        }
                    }
                }
                b.append('|').append(count).append('|').append(newest);
            }
        } catch (Exception e) {
            b.append("|unknown-code-").append(System.nanoTime()); // never matches: no reuse without knowing the code
        }
        return b.toString();
    }

    /**
     * Where migralint's classes come from. A class path of one jar ({@code java -jar}, the launcher) is that jar:
     * asking the class's protection domain for it costs a warm run a noticeable share of its time in URL and URI
     * handling.
     */
    private static Path codeLocation() throws Exception {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty() && classPath.indexOf(File.pathSeparatorChar) < 0 && classPath.endsWith(".jar")
                && RunFingerprint.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            return Path.of(classPath).toAbsolutePath();
        }
        return Path.of(RunFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * A canonical text of a value for fingerprints: records by component, maps and sets sorted, other objects by
     * class and {@code toString()}. Unlike {@code toString()} of records holding {@code Map.copyOf} or {@code Set.of},
     * it does not change from one JVM run to the next.
     */
    public static String canonical(Object value) {
        StringBuilder b = new StringBuilder();
        canonical(value, b, 0);
        return b.toString();
    }

    private static void canonical(Object v, StringBuilder b, int depth) {
        if (depth > 64) {
            b.append("<deep>");
            return;
        }
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else if (v instanceof Number || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>) {
            b.append(v);
        } else if (v instanceof Record r) {
            b.append(r.getClass().getName()).append('(');
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                b.append(rc.getName()).append('=');
                try {
                    rc.getAccessor().setAccessible(true);
                    canonical(rc.getAccessor().invoke(r), b, depth + 1);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    b.append("<?>");
                }
                b.append(',');
            }
            b.append(')');
        } else if (v instanceof Map<?, ?> m) {
            TreeMap<String, String> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(canonical(k), canonical(val)));
            b.append(sorted);
        } else if (v instanceof Set<?> s) {
            List<String> items = new ArrayList<>();
            s.forEach(x -> items.add(canonical(x)));
            items.sort(null);
            b.append("set").append(items);
        } else if (v instanceof Iterable<?> it) {
            b.append('[');
            for (Object x : it) {
                canonical(x, b, depth + 1);
                b.append(',');
            }
            b.append(']');
        } else {
            b.append(v.getClass().getName()).append(':').append(v);
        }
    }
}
