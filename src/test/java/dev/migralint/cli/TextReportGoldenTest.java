package dev.migralint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The text report, byte for byte, as a user's terminal or CI log receives it (a separate process writing UTF-8 to
 * stdout): code frames with tabs, wide gutters, truncated frames, CRLF lines and non-ASCII text, file problems,
 * inline ignores, colour, both verdicts, the summary by rule, --quiet. The expected files were written by the reporter before it was rewritten
 * for speed; any change to them is a change users see.
 */
class TextReportGoldenTest {
    private static final String RESOURCES = "text-report/";
    private static final List<String> FIXTURES = List.of("migrations/001_init.sql", "migrations/002_changes.sql",
            "migrations/003_unicode_crlf.sql", "migrations/004_wide_gutter.sql", "safe/001_warn.sql");

    @TempDir
    Path dir;

    @Test
    void plainReport() throws IOException {
        assertReport("migrations", "plain", "--color", "never");
        assertReport("safe", "plain", "--color", "never");
    }

    @Test
    void colouredReportWithIgnoredFindings() throws IOException {
        assertReport("migrations", "color", "--color", "always", "--show-ignored");
        assertReport("safe", "color", "--color", "always", "--show-ignored");
    }

    @Test
    void quietReportHasOnlyErrorsAndTheVerdict() throws IOException {
        assertReport("migrations", "quiet", "--color", "never", "--quiet");
        assertReport("safe", "quiet", "--color", "never", "-q");
    }

    private void assertReport(String target, String variant, String... options) throws IOException {
        fixtures();
        String[] args = new String[options.length + 3];
        args[0] = "check";
        args[1] = "--no-cache";
        System.arraycopy(options, 0, args, 2, options.length);
        args[args.length - 1] = target;
        ProcessCli.Run run = ProcessCli.run(dir, Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8"), args);
        String expected = resource(target + "-" + variant + ".expected");
        assertEquals(expected, run.out().replaceAll(" in \\d+ ms", " in N ms"), run.err());
    }

    private void fixtures() throws IOException {
        for (String f : FIXTURES) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            try (InputStream in = getClass().getResourceAsStream(RESOURCES + f)) {
                Files.write(p, in.readAllBytes());
            }
        }
        // The fixtures show style findings too: the strict set is on.
        Files.writeString(dir.resolve(".migralint.yml"), "extends: strict\n");
        // A binary file and one in Latin-1: file problems, reported without a code frame.
        Files.write(dir.resolve("migrations/005_binary.sql"),
                "CREATE TABLE a (id int);\0\1binary".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("migrations/006_latin1.sql"),
                "CREATE TABLE b (id int);\n-- caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(RESOURCES + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
