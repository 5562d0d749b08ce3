package dev.migralint.cli;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import dev.migralint.PostgresCluster;
import dev.migralint.config.JsonSchemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance of issue 18 against a real PostgreSQL (skipped without one): a snapshot of a database with a large and a
 * small table; the same migration is an error on the large one and a notice on the small one, as it was before on a
 * table the snapshot lacks; no row data and no password anywhere; a corrupt or foreign snapshot is exit 2.
 */
class StatsAcceptanceTest {
    private static final String SECRET = "sEcReT-row-value-7f3a9c";
    private static final String PASSWORD = "hunter2-Pa55word";
    private static PostgresCluster pg;
    private static String db;

    @BeforeAll
    static void database() throws Exception {
        pg = PostgresCluster.sharedOrSkip();
        db = pg.createDatabase("migralint_stats");
        PostgresCluster.Run r = pg.psql(db, List.of("-v", "ON_ERROR_STOP=1", "-c", """
                CREATE TABLE big (id bigint, note text);
                INSERT INTO big SELECT g, 'row ' || g FROM generate_series(1, 50000) g;
                CREATE TABLE small (id bigint, note text);
                INSERT INTO small SELECT g, 'row ' || g FROM generate_series(1, 20) g;
                CREATE SCHEMA billing;
                CREATE TABLE billing.vault (id bigint, secret text);
                INSERT INTO billing.vault SELECT g, '%s' FROM generate_series(1, 30) g;
                CREATE TABLE never_analysed (id bigint);
                CREATE TABLE parted (id bigint) PARTITION BY RANGE (id);
                CREATE TABLE parted_low PARTITION OF parted FOR VALUES FROM (0) TO (1000);
                CREATE TABLE parted_high PARTITION OF parted FOR VALUES FROM (1000) TO (100000);
                INSERT INTO parted SELECT g FROM generate_series(1, 3000) g;
                ANALYZE big; ANALYZE small; ANALYZE billing.vault; ANALYZE parted;
                """.formatted(SECRET)));
        assertTrue(r.ok(), r.output());
    }

    /** A project: the configuration (big counts as large at 50,000 rows) and three one-statement migrations. */
    private static Path project(Path dir) throws Exception {
        Files.writeString(dir.resolve(".migralint.yml"), "stats:\n  small-table: {rows: 1000, bytes: 64MB}\n");
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(m.resolve("001_big.sql"), "CREATE INDEX big_id ON big (id);\n");
        Files.writeString(m.resolve("002_small.sql"), "CREATE INDEX small_id ON small (id);\n");
        Files.writeString(m.resolve("003_absent.sql"), "CREATE INDEX absent_id ON not_in_snapshot (id);\n");
        return dir;
    }

    private static String url(boolean withPassword) {
        // The test cluster trusts every local connection: the password is sent, and ignored.
        return "postgres://" + PostgresCluster.USER + (withPassword ? ":" + PASSWORD : "") + "@" + PostgresCluster.HOST
                + ":" + pg.port() + "/" + db + "?sslmode=disable";
    }

    private static CliRunner.Run check(Path dir, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "-c", dir.resolve(".migralint.yml").toString(),
                "--no-cache", "--color", "never"));
        args.addAll(List.of(extra));
        args.add(dir.resolve("migrations").toString());
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** The severity of require-concurrent-index on a file, from the text report. */
    private static String severityOn(String report, String file) {
        Matcher m = Pattern.compile(Pattern.quote(file) + ":\\d+:\\d+: (\\w+)\\[require-concurrent-index\\]: (.*)")
                .matcher(report);
        assertTrue(m.find(), "no require-concurrent-index finding on " + file + " in:\n" + report);
        return m.group(1) + " " + m.group(2);
    }

    @Test
    void snapshotThenCheck(@TempDir Path dir) throws Exception {
        project(dir);
        Path file = dir.resolve(".migralint/stats.json");
        CliRunner.Run stats = CliRunner.run("stats", "-c", dir.resolve(".migralint.yml").toString(),
                "--database-url", url(true));
        assertEquals(0, stats.exit(), stats.all());
        assertTrue(stats.err().contains("wrote " + file), stats.all());
        assertFalse(stats.all().contains(PASSWORD), stats.all());

        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(json.contains(SECRET), "no row data in the snapshot");
        assertFalse(json.contains(PASSWORD), "no password in the snapshot");
        assertFalse(json.contains("row 1"), "no row data in the snapshot");
        Schema schema = JsonSchemas.load(Path.of("schemas/migralint-stats.schema.json"));
        assertEquals(List.of(), schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList());
        assertTrue(json.contains("\"billing.vault\": {"), json);
        assertTrue(json.contains("\"public.never_analysed\": {\"deletes\": 0, \"heap-bytes\": 0, \"index-bytes\": 0, "
                + "\"inserts\": 0, \"rows\": null, \"updates\": 0}"), json);
        Matcher big = Pattern.compile("\"public.big\": \\{.*\"inserts\": \\d+, \"rows\": (\\d+),").matcher(json);
        assertTrue(big.find(), json);
        assertEquals(50000, Long.parseLong(big.group(1)), 2500, "ANALYZE's estimate");
        // A partitioned table's figures are its partitions'.
        // (Write counters are not asserted: a session's are flushed to the server's statistics asynchronously.)
        Matcher parted = Pattern.compile("\"public.parted\": \\{.*\"rows\": (\\d+),").matcher(json);
        assertTrue(parted.find(), json);
        assertEquals(3000, Long.parseLong(parted.group(1)), 150, json);

        // The same CREATE INDEX: an error on the large table, a notice on the small one, an error (as without a
        // snapshot) on a table the snapshot lacks.
        CliRunner.Run run = check(dir);
        assertEquals(1, run.exit(), run.all());
        String onBig = severityOn(run.out(), "001_big.sql");
        assertTrue(onBig.startsWith("error "), onBig);
        assertTrue(onBig.endsWith(" Table big: ~50 thousand rows, " + onBig.replaceAll(".*rows, (.*) as of.*", "$1")
                + " as of " + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "."), onBig);
        String onSmall = severityOn(run.out(), "002_small.sql");
        assertTrue(onSmall.startsWith("notice "), onSmall);
        assertTrue(onSmall.contains("Table small: ~20 rows, "), onSmall);
        String onAbsent = severityOn(run.out(), "003_absent.sql");
        assertTrue(onAbsent.startsWith("error "), onAbsent);
        assertFalse(onAbsent.contains("Table "), onAbsent);

        // Without the snapshot, the small table's finding is the error it always was.
        Files.delete(file);
        CliRunner.Run without = check(dir);
        assertTrue(severityOn(without.out(), "002_small.sql").startsWith("error "), without.out());

        // Every output names the size: the JSON report too.
        CliRunner.Run live = check(dir, "--format", "json", "--database-url", url(true));
        assertTrue(live.out().contains("Table big: ~50 thousand rows"), live.out());
        assertTrue(Pattern.compile("\"rule\" ?: ?\"require-concurrent-index\",\\s*\"severity\" ?: ?\"notice\"")
                .matcher(live.out()).find(), live.out());
        assertFalse(live.all().contains(PASSWORD), "no password in check's output");
    }

    @Test
    void checkWithDatabaseUrlNeedsNoFile(@TempDir Path dir) throws Exception {
        project(dir);
        CliRunner.Run run = check(dir, "--database-url", url(true));
        assertEquals(1, run.exit(), run.all());
        assertTrue(severityOn(run.out(), "001_big.sql").startsWith("error "), run.out());
        assertTrue(severityOn(run.out(), "002_small.sql").startsWith("notice "), run.out());
        assertFalse(run.all().contains(PASSWORD), run.all());
        assertFalse(Files.exists(dir.resolve(".migralint/stats.json")), "check writes no snapshot");
    }

    @Test
    void unreachableDatabaseIsExit2WithoutThePassword(@TempDir Path dir) throws Exception {
        project(dir);
        String bad = "postgres://someone:" + PASSWORD + "@127.0.0.1:1/nowhere?connectTimeout=2";
        for (CliRunner.Run run : List.of(check(dir, "--database-url", bad),
                CliRunner.run("stats", "--database-url", bad, "-o", dir.resolve("s.json").toString()),
                CliRunner.run("stats", "--database-url", "mysql://root:" + PASSWORD + "@h/db"),
                CliRunner.run("stats", "--database-url", bad, "--no-such-option"))) {
            assertEquals(2, run.exit(), run.all());
            assertFalse(run.all().contains(PASSWORD), run.all());
            assertFalse(run.all().contains("Exception") || run.all().contains("\tat "), run.all());
        }
        assertFalse(Files.exists(dir.resolve("s.json")));
    }

    @Test
    void corruptOrForeignSnapshotIsExit2(@TempDir Path dir) throws Exception {
        project(dir);
        Path file = Files.createDirectories(dir.resolve(".migralint")).resolve("stats.json");
        for (String text : List.of("{\"format\": \"migralint-stats/1\", \"tables\": {", "{\"name\": \"app\"}", "\u0000\u0001")) {
            Files.writeString(file, text);
            CliRunner.Run run = check(dir);
            assertEquals(2, run.exit(), run.all());
            assertTrue(run.err().contains(file.toString()) && run.err().contains("not a migralint statistics snapshot"),
                    run.all());
            assertFalse(run.all().contains("Exception") || run.all().contains("\tat "), run.all());
        }
    }
}
