package dev.migralint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A migration larger than the limit is a finding naming the file and the limit; the other files are still linted. */
class HugeFileTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHugeFileIsReportedNotAnalysed() throws Exception {
        Path dir = tmp.resolve("migrations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("V1__ok.sql"), "CREATE INDEX idx ON users (email);\n");
        StringBuilder b = new StringBuilder(17 << 20);
        while (b.length() < (17 << 20)) {
            b.append("INSERT INTO t VALUES (1, 'some row of seed data');\n");
        }
        Files.writeString(dir.resolve("V2__huge.sql"), b);
        StringWriter out = new StringWriter();
        Main.run(new String[] {"check", "--no-cache", "--color", "never", dir.toString()}, new PrintWriter(out),
                new PrintWriter(out));
        String report = out.toString();
        assertTrue(report.contains("V2__huge.sql") && report.contains("limit"), report);
        assertTrue(report.contains("require-concurrent-index"), "the other file is linted: " + report);
    }
}
