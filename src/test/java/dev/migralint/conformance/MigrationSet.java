package dev.migralint.conformance;

import dev.migralint.PostgresCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small project in a runner's layout, in a temp directory, with the database it is applied to. The statements
 * are the same for every runner, so that the cases compare.
 */
final class MigrationSet {
    static final String CREATE_TABLE = "CREATE TABLE conf_items (id int PRIMARY KEY, c int);";
    static final String DROP_TABLE = "DROP TABLE conf_items;";
    static final String CREATE_INDEX_CONCURRENTLY = "CREATE INDEX CONCURRENTLY conf_items_c ON conf_items (c);";
    static final String ADD_COLUMN = "ALTER TABLE conf_items ADD COLUMN extra int;";
    static final String DROP_COLUMN = "ALTER TABLE conf_items DROP COLUMN extra;";
    /**
     * The second statement of each down part: a plain CREATE INDEX on an existing table, which migralint reports
     * (its lock) in either direction, so that its findings show the direction it gives the down part; and a trace
     * in the schema that the down part ran.
     */
    static final String ROLLBACK_MARKER = "CREATE INDEX conf_rolled_back ON conf_items (c);";

    final Path dir;
    final String db;
    private final PostgresCluster pg;

    MigrationSet(PostgresCluster pg, Path dir, String db) throws Exception {
        this.pg = pg;
        this.dir = dir;
        this.db = pg.createDatabase(db);
    }

    MigrationSet write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return this;
    }

    /** The 1-based line of the first line of {@code path} that contains {@code text}. */
    int lineOf(String path, String text) throws IOException {
        var lines = Files.readAllLines(dir.resolve(path), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + path);
    }

    /** Runs a runner's command in the project directory; the outcome's log ends with what the server logged. */
    RunnerOutcome run(List<String> cmd, Map<String, String> env) throws Exception {
        long from = pg.logSize();
        PostgresCluster.Run r = PostgresCluster.run(cmd, dir, env, 120);
        return new RunnerOutcome(r.ok(), r.output() + serverLog(from));
    }

    /** Runs a runner in-process (Flyway, Liquibase); a thrown exception is a failed run. */
    RunnerOutcome run(Step step) throws Exception {
        long from = pg.logSize();
        try {
            step.run();
            return new RunnerOutcome(true, serverLog(from));
        } catch (Exception e) {
            RunnerOutcome failed = RunnerOutcome.failed(e);
            return new RunnerOutcome(false, failed.log() + serverLog(from));
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private String serverLog(long from) {
        String log = pg.logSince(from);
        return log.isBlank() ? "" : "\n[server log]\n" + log;
    }

    Prediction predict() throws Exception {
        return Prediction.of(dir);
    }

    boolean hasIndex(String name) throws Exception {
        return !pg.query(db, "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '"
                + name + "' AND i.indisvalid").isBlank();
    }

    boolean hasColumn(String table, String column) throws Exception {
        return !pg.query(db, "SELECT 1 FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'").isBlank();
    }

    boolean hasTable(String table) throws Exception {
        return !pg.query(db, "SELECT 1 FROM information_schema.tables WHERE table_name = '" + table + "'").isBlank();
    }

    String url() {
        return pg.url(db);
    }

    String jdbcUrl() {
        return pg.jdbcUrl(db);
    }
}
