package dev.migralint.fix;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnifiedDiffTest {

    @Test
    void smallDiffHasContextAndHeaders() {
        String a = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n";
        String b = "l1\nl2\nl3\nl4\nX\nl5\nl6\nl7\nl8\n";
        assertEquals("--- a/f.sql\n+++ b/f.sql\n@@ -2,6 +2,7 @@\n l2\n l3\n l4\n+X\n l5\n l6\n l7\n",
                UnifiedDiff.diff("a/f.sql", "b/f.sql", a, b));
        assertEquals("", UnifiedDiff.diff("a", "b", a, a));
    }

    @Test
    void missingNewlineAtEndIsMarked() {
        String d = UnifiedDiff.diff("a/f", "b/f", "DROP INDEX i;", "DROP INDEX CONCURRENTLY i;");
        assertEquals("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-DROP INDEX i;\n\\ No newline at end of file\n"
                + "+DROP INDEX CONCURRENTLY i;\n\\ No newline at end of file\n", d);
    }

    @Test
    void patchAppliesTheDiffExactly(@TempDir Path dir) throws Exception {
        String a = "\uFEFF-- x\r\nCREATE INDEX i ON t (a);\r\nSELECT 1;\r\n\r\n-- y\nDROP INDEX j;";
        String b = "\uFEFF-- x\r\nSET lock_timeout = '5s';\r\nCREATE INDEX CONCURRENTLY i ON t (a);\r\nSELECT 1;\r\n\r\n"
                + "-- y\nDROP INDEX CONCURRENTLY j;";
        Path f = dir.resolve("m.sql");
        Files.writeString(f, a, StandardCharsets.UTF_8);
        Path patch = dir.resolve("fix.patch");
        Files.writeString(patch, UnifiedDiff.diff("a/m.sql", "b/m.sql", a, b), StandardCharsets.UTF_8);
        Process p;
        try {
            p = new ProcessBuilder("patch", "-p1", "--quiet", "-i", patch.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("patch is not installed");
            return;
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertEquals(b, Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void farApartChangesMakeTwoHunks() {
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            a.append("line").append(i).append('\n');
        }
        String b = a.toString().replace("line3\n", "LINE3\n").replace("line30\n", "LINE30\n");
        String d = UnifiedDiff.diff("a/x", "b/x", a.toString(), b);
        assertEquals(2, d.split("\n@@ ", -1).length - 1, d);
        assertTrue(d.contains("@@ -1,7 +1,7 @@") && d.contains("@@ -28,7 +28,7 @@"), d);
    }
}
