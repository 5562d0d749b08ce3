package dev.migralint.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code migralint plan} end to end: bad input, formats, --output. */
class PlanCommandTest {
    record Out(int exit, String out, String err) {
    }

    static Out run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Out(exit, out.toString(), err.toString());
    }

    @Test
    void aStatementItCannotParseIsNamedAndTheRestIsPlanned(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("001_mixed.sql");
        Files.writeString(f, "CREATE INDEX idx_a ON t (a);\nFROBNICATE the whole database;\nALTER TABLE t ADD COLUMN c int;\n",
                StandardCharsets.UTF_8);
        Out r = run("plan", f.toString(), "--format", "text");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(":2: could not plan: FROBNICATE the whole database"), r.err());
        assertTrue(r.out().contains("NOT PLANNED line 2"), r.out());
        assertTrue(r.out().contains("DROP INDEX CONCURRENTLY IF EXISTS \"idx_a\";"), r.out());
        assertTrue(r.out().contains("ALTER TABLE \"t\" DROP COLUMN IF EXISTS \"c\";"), r.out());
        assertTrue(r.out().contains("could not be planned"), r.out());
    }

    @Test
    void aFileItCannotReadIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("002_binary.sql");
        Files.write(f, new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0});
        Out r = run("plan", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("could not plan"), r.err());
        assertTrue(r.out().contains("Could not plan this file"), r.out());
    }

    @Test
    void jsonIsValidAndCarriesTheInverses(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("003_drop.sql");
        Files.writeString(f, "ALTER TABLE accounts DROP COLUMN legacy;\nCREATE TABLE \"Evil|<b>\" (id int);\n",
                StandardCharsets.UTF_8);
        Out r = run("plan", f.toString(), "--format", "json");
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode steps = root.get("migrations").get(0).get("steps");
        assertEquals("irreversible", steps.get(0).get("rollback").get("kind").asText());
        assertEquals("DROP TABLE IF EXISTS \"Evil|<b>\"", steps.get(1).get("rollback").get("sql").get(0).asText());
        assertEquals("backup", root.get("before").get(0).get("topic").asText());
        assertTrue(root.get("before").get(0).get("commands").get(0).asText().contains("--table='\"accounts\"'"));
        // Markdown escapes what the migration names.
        Out md = run("plan", f.toString());
        assertFalse(md.out().contains("<b>\" (id int)") && !md.out().contains("`CREATE TABLE"), md.out());
    }

    @Test
    void outputWritesTheRunbookAndOneRollbackPerMigration(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("004_idx.sql");
        Files.writeString(f, "CREATE INDEX CONCURRENTLY idx_b ON t (b);\n", StandardCharsets.UTF_8);
        Path outDir = dir.resolve("out");
        Out r = run("plan", f.toString(), "--output", outDir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(outDir.resolve("plan.md")).startsWith("# Deployment runbook"));
        try (var s = Files.list(outDir.resolve("rollback"))) {
            Path script = s.findFirst().orElseThrow();
            assertTrue(Files.readString(script).contains("DROP INDEX CONCURRENTLY IF EXISTS \"idx_b\";"));
        }
    }

    @Test
    void checklistItemsComeFromTheStatements(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("005_mixed.sql");
        Files.writeString(f, "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';\n"
                + "ALTER TABLE orders RENAME COLUMN total TO amount;\n", StandardCharsets.UTF_8);
        JsonNode root = new ObjectMapper().readTree(run("plan", f.toString(), "--format", "json").out());
        java.util.List<String> topics = new java.util.ArrayList<>();
        root.get("before").forEach(i -> topics.add(i.get("topic").asText()));
        assertTrue(topics.contains("postgres-version"), topics.toString());
        assertTrue(topics.contains("code-first"), topics.toString());
        assertTrue(topics.contains("lock-timeout"), topics.toString());
        assertFalse(topics.contains("backup"), "nothing loses data: " + topics);
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertEquals(2, run("plan", "--format", "yaml", "examples/migrations").exit());
    }
}
