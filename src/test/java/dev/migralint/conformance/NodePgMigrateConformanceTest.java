package dev.migralint.conformance;

import dev.migralint.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.migralint.conformance.MigrationSet.ADD_COLUMN;
import static dev.migralint.conformance.MigrationSet.CREATE_INDEX_CONCURRENTLY;
import static dev.migralint.conformance.MigrationSet.CREATE_TABLE;
import static dev.migralint.conformance.MigrationSet.DROP_COLUMN;
import static dev.migralint.conformance.MigrationSet.DROP_TABLE;
import static dev.migralint.conformance.MigrationSet.ROLLBACK_MARKER;
import static dev.migralint.conformance.RunnerConformance.IN_TRANSACTION_BLOCK;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * node-pg-migrate (npm {@code node-pg-migrate}) with SQL-file migrations: {@code migrations/<timestamp>_<name>.sql},
 * split into {@code -- Up Migration} and {@code -- Down Migration} parts. A SQL file has no way to call
 * {@code pgm.noTransaction()}, so every part runs in a transaction ({@code up} wraps the whole run in one by
 * default, per migration with {@code --no-single-transaction}); {@code down} runs the last migration's down part.
 */
@Tag("conformance")
class NodePgMigrateConformanceTest {
    private static final RunnerConformance RUN = new RunnerConformance("node-pg-migrate");
    private static final String FIRST = "migrations/1700000000001_items.sql";
    private static final String SECOND = "migrations/1700000000002_change.sql";
    private static PostgresCluster pg;
    private static Path tool;

    @BeforeAll
    static void setUp() throws Exception {
        pg = RUN.cluster();
        tool = NodeTools.find("node-pg-migrate");
        RUN.assumeInstalled(tool != null, "no node-pg-migrate in node_modules/.bin or on PATH (npm ci in the repository root installs it)");
        RUN.ran(NodeTools.version(tool, "node-pg-migrate"));
    }

    @AfterAll
    static void report() {
        RUN.print();
    }

    @Test
    void concurrentIndexAlone(@TempDir Path tmp) throws Exception {
        transactionCase("cic-alone", project(tmp, "cic_alone")
                .write(SECOND, up(CREATE_INDEX_CONCURRENTLY) + down("DROP INDEX IF EXISTS conf_items_c;")), List.of());
    }

    @Test
    void concurrentIndexAloneWithoutTheSingleTransaction(@TempDir Path tmp) throws Exception {
        transactionCase("cic-alone, --no-single-transaction", project(tmp, "cic_alone_per_file")
                .write(SECOND, up(CREATE_INDEX_CONCURRENTLY) + down("DROP INDEX IF EXISTS conf_items_c;")),
                List.of("--no-single-transaction"));
    }

    @Test
    void concurrentIndexBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        transactionCase("cic-beside", project(tmp, "cic_beside")
                .write(SECOND, up(ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY) + down(DROP_COLUMN)), List.of());
    }

    @Test
    void downPartRunsOnlyOnDown(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "down").write(SECOND, up(ADD_COLUMN) + down(DROP_COLUMN + "\n" + ROLLBACK_MARKER));
        Prediction p = s.predict();
        RunnerOutcome migrate = run(s, "up", List.of());
        assertTrue(migrate.ok(), migrate.log());
        assertTrue(s.hasColumn("conf_items", "extra"), "up ran");
        assertFalse(s.hasIndex("conf_rolled_back"), "the down part did not run on up");
        RunnerOutcome down = run(s, "down", List.of());
        assertTrue(down.ok(), down.log());
        assertFalse(s.hasColumn("conf_items", "extra"), "down ran the down part");
        assertTrue(s.hasIndex("conf_rolled_back"), "down ran the down part");
        assertTrue(s.hasTable("conf_items"), "down undid the last migration only");
        RUN.direction("down-part", p, SECOND, s.lineOf(SECOND, ROLLBACK_MARKER), "down");
    }

    private static void transactionCase(String name, MigrationSet s, List<String> options) throws Exception {
        Prediction p = s.predict();
        RunnerOutcome o = run(s, "up", options);
        if (o.ok()) {
            assertTrue(s.hasIndex("conf_items_c"), "node-pg-migrate succeeded, so the index is built");
        }
        RUN.transaction(name, p, SECOND, s.lineOf(SECOND, "CONCURRENTLY"), o, IN_TRANSACTION_BLOCK);
    }

    private static MigrationSet project(Path tmp, String name) throws Exception {
        return new MigrationSet(pg, tmp, "npm_" + name).write(FIRST, up(CREATE_TABLE) + down(DROP_TABLE));
    }

    private static String up(String sql) {
        return "-- Up Migration\n" + sql + "\n\n";
    }

    private static String down(String sql) {
        return "-- Down Migration\n" + sql + "\n";
    }

    private static RunnerOutcome run(MigrationSet s, String command, List<String> options) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(tool.toString(), command, "--migrations-dir", "migrations"));
        cmd.addAll(options);
        return s.run(cmd, Map.of("DATABASE_URL", s.url()));
    }
}
