package dev.migralint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.PostgresCluster;
import dev.migralint.plan.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbook's duration column: observed by verify, estimated from the statistics snapshot, or unknown. */
class PlanDurationsTest {
    private static final long HEAP = 5L << 30;
    private static final long INDEXES = 1L << 30;

    private static JsonNode steps(ProcessCli.Run r) throws Exception {
        assertEquals(0, r.exit(), r.all());
        return new ObjectMapper().readTree(r.out()).path("migrations").get(0).path("steps");
    }

    private static void snapshot(Path repo) throws Exception {
        Files.createDirectories(repo.resolve(".migralint"));
        Files.writeString(repo.resolve(".migralint/stats.json"), "{\"database\": \"prod\", \"format\": \"migralint-stats/1\","
                + " \"server-version\": \"15.4\", \"tables\": {\"public.events\": {\"deletes\": 0, \"heap-bytes\": " + HEAP
                + ", \"index-bytes\": " + INDEXES + ", \"inserts\": 1, \"rows\": 50000000, \"updates\": 0}}, \"taken\": \""
                + LocalDate.now(ZoneOffset.UTC) + "\"}\n");
    }

    @Test
    void rewritesScansAndIndexBuildsOfAKnownTableAreEstimatedFromItsBytesAndTheRestIsUnknown(@TempDir Path repo)
            throws Exception {
        Files.createDirectories(repo.resolve("migrations"));
        Files.writeString(repo.resolve("migrations/001_change.sql"), """
                ALTER TABLE events ALTER COLUMN id TYPE bigint;
                CREATE INDEX events_ts_idx ON events (ts);
                ALTER TABLE events VALIDATE CONSTRAINT events_fk;
                ALTER TABLE events ADD COLUMN note text;
                ALTER TABLE other ALTER COLUMN id TYPE bigint;
                """);
        JsonNode without = steps(ProcessCli.run(repo, "plan", "--format", "json", "migrations"));
        for (JsonNode s : without) {
            assertEquals("unknown", s.path("duration").path("source").asText(), "no snapshot, no verify report: " + s);
            assertEquals("unknown", s.path("duration").path("text").asText());
        }
        snapshot(repo);
        JsonNode steps = steps(ProcessCli.run(repo, "plan", "--format", "json", "migrations"));
        double bytes = HEAP + INDEXES;
        assertEstimate(steps.get(0), bytes / Durations.ASSUMED_REWRITE_BYTES_PER_SECOND, "rewritten");
        assertEstimate(steps.get(1), bytes / Durations.ASSUMED_INDEX_BUILD_BYTES_PER_SECOND, "indexed");
        assertEstimate(steps.get(2), bytes / Durations.ASSUMED_SCAN_BYTES_PER_SECOND, "scanned");
        assertEquals("unknown", steps.get(3).path("duration").path("source").asText(), "catalog only: " + steps.get(3));
        assertEquals("unknown", steps.get(4).path("duration").path("source").asText(), "not in the snapshot");
    }

    private static void assertEstimate(JsonNode step, double seconds, String what) {
        JsonNode d = step.path("duration");
        assertEquals("estimated", d.path("source").asText(), step.toString());
        assertEquals(seconds, d.path("seconds").asDouble(), 0.001, step.toString());
        assertTrue(d.path("text").asText().contains(what + " at an assumed"), d.toString());
    }

    @Test
    void verifysObservedTimesAreUsedWhereGiven(@TempDir Path repo) throws Exception {
        try (PostgresCluster pg = PostgresCluster.startOrSkip()) {
            pg.createDatabase("scratch");
            Files.createDirectories(repo.resolve("migrations"));
            Files.writeString(repo.resolve("migrations/V1__init.sql"), "CREATE TABLE t (id int);\n");
            Files.writeString(repo.resolve("migrations/V2__add.sql"), "ALTER TABLE t ADD COLUMN x int;\n"
                    + "CREATE INDEX t_x_idx ON t (x);\n");
            String url = "postgres://" + PostgresCluster.USER + "@" + PostgresCluster.HOST + ":" + pg.port() + "/scratch";
            ProcessCli.Run verify = ProcessCli.run(repo, "verify", "--framework", "flyway", "--database-url", url,
                    "--format", "json", "migrations/V2__add.sql");
            assertEquals(0, verify.exit(), verify.all());
            Files.writeString(repo.resolve("verify.json"), verify.out());
            JsonNode traces = new ObjectMapper().readTree(verify.out()).path("histories").get(0).path("traces");
            JsonNode steps = steps(ProcessCli.run(repo, "plan", "--framework", "flyway", "--format", "json",
                    "--verify-report", "verify.json", "migrations/V2__add.sql"));
            assertEquals(2, steps.size(), steps.toString());
            for (int i = 0; i < 2; i++) {
                JsonNode d = steps.get(i).path("duration");
                assertEquals("observed", d.path("source").asText(), steps.toString());
                assertEquals(traces.get(i).path("micros").asLong() / 1e6, d.path("seconds").asDouble(), 0.0005);
            }
        }
    }

    @Test
    void aVerifyReportThatCannotBeReadIsNamedAndThePlanGoesOn(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("migrations"));
        Files.writeString(repo.resolve("migrations/001.sql"), "ALTER TABLE t ADD COLUMN x int;\n");
        Files.writeString(repo.resolve("verify.json"), "{\n  \"histories\": [\n    oops\n");
        ProcessCli.Run r = ProcessCli.run(repo, "plan", "--format", "json", "--verify-report", "verify.json", "migrations");
        assertTrue(r.err().contains("verify.json:3: not JSON"), r.err());
        assertEquals("unknown", steps(r).get(0).path("duration").path("source").asText());
    }
}
