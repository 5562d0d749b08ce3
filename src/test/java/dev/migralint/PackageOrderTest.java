package dev.migralint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages of src/main depend one way (docs/architecture.md): each imports only the packages before it in
 * {@link #ORDER}, by import or by a qualified name in code. Read from the sources, so a new package must be placed
 * here to pass.
 */
class PackageOrderTest {
    /** From the bottom (imported by all) to the top (imports all). */
    static final List<String> ORDER = List.of("config", "stats", "sql", "workspace", "analysis", "rules", "fix", "report", "docs", "review", "verify", "plan",
            "cache", "engine", "cli");
    private static final Path MAIN = Path.of("src/main/java/dev/migralint");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.migralint\\.([a-z]+)\\.");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    @Test
    void everyPackageImportsOnlyThePackagesBeforeIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = MAIN.relativize(file).getName(0).toString();
            int rank = ORDER.indexOf(pkg);
            if (rank < 0) {
                violations.add(file + ": package '" + pkg + "' has no place in PackageOrderTest.ORDER");
                continue;
            }
            String code = STRING.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(" ")).replaceAll("\"\"");
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                String used = m.group(1);
                if (ORDER.indexOf(used) > rank) {
                    violations.add(file + " (" + pkg + ") uses dev.migralint." + used + ", a later package");
                }
            }
        }
        assertEquals(List.of(), violations.stream().distinct().toList());
    }

    @Test
    void theCheckSeesAViolation() {
        // The reading itself: an import of a later package is found, one of an earlier package is not.
        String code = "package dev.migralint.rules;\nimport dev.migralint.fix.Fix;\nimport dev.migralint.sql.Span;\n";
        Matcher m = REFERENCE.matcher(code);
        List<String> used = new ArrayList<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertEquals(List.of("fix", "sql"), used);
        assertTrue(ORDER.indexOf("fix") > ORDER.indexOf("rules"));
        assertTrue(ORDER.indexOf("sql") < ORDER.indexOf("rules"));
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".java") && p.getParent() != null
                    && !p.getParent().equals(MAIN)).sorted().toList();
            assertTrue(files.size() > 100, "sources not found under " + MAIN.toAbsolutePath());
            return files;
        }
    }
}
