package dev.migralint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A .squawk.toml at the repository root turns off the migralint rules its excluded_rules map to. */
class SquawkConfigTest {
    @TempDir
    Path tmp;

    @Test
    void excludedRulesStayExcluded() throws IOException {
        Files.createDirectories(tmp.resolve(".git"));
        Path m = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(m.resolve("001_index.sql"), "CREATE INDEX users_email ON users (email);\n");
        ProcessCli.Run before = ProcessCli.run(tmp, "check", "--no-cache", "--color", "never", "migrations");
        assertTrue(before.out().contains("error[require-concurrent-index]"), before.all());

        Files.writeString(tmp.resolve(".squawk.toml"), "excluded_rules = [\"require-concurrent-index-creation\"]\n");
        ProcessCli.Run after = ProcessCli.run(tmp, "check", "--no-cache", "--color", "never", "migrations");
        assertFalse(after.out().contains("require-concurrent-index]"), after.all());
        assertEquals(0, after.exit(), after.all());

        Files.writeString(tmp.resolve(".squawk.toml"), "excluded_rules = \"require-concurrent-index-creation\"\n");
        ProcessCli.Run bad = ProcessCli.run(tmp, "check", "--no-cache", "--color", "never", "migrations");
        assertEquals(2, bad.exit(), bad.all());
        assertTrue(bad.err().contains(".squawk.toml:1"), bad.all());
    }
}
