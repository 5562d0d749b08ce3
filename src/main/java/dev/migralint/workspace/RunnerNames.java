package dev.migralint.workspace;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which file names a runner applies ({@code runs-names} of its descriptor, the runner's own patterns): a runner that
 * skips the other files it finds says nothing about them, so a file it skips never reaches a database, and a
 * directory where it would run no file at all was never its. The patterns are matched by RE2/J, in time linear in the
 * name: a project's own runner descriptor cannot make a run hang on a file name.
 */
public final class RunnerNames {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private RunnerNames() {
    }

    /** Whether the runner applies a file of this name (or path); true for a runner that applies every file it finds. */
    public static boolean runs(RunnerDescriptor d, String name) {
        if (d.runsNames().isEmpty()) {
            return true;
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        for (String r : d.runsNames()) {
            if (PATTERNS.computeIfAbsent(r, Pattern::compile).matcher(n).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Why RE2/J does not take the pattern, or null when it does. */
    static String problem(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        }
    }

    /** Whether the directory holds a {@code .sql} file the runner applies; false when it cannot be read. */
    public static boolean runsAnyIn(RunnerDescriptor d, Path dir) {
        if (dir == null) {
            return false;
        }
        try (DirectoryStream<Path> sql = Files.newDirectoryStream(dir, "*.sql")) {
            for (Path p : sql) {
                if (runs(d, p.getFileName().toString())) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable directory: no evidence that the runner is at work here.
        }
        return false;
    }
}
