package dev.migralint.conformance;

import dev.migralint.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * dbmate (npm package {@code dbmate}, which ships the binary): {@code db/migrations/<version>_<name>.sql} files with
 * {@code -- migrate:up} and {@code -- migrate:down} sections, each run in a transaction unless its marker says
 * {@code transaction:false}; {@code dbmate up} runs the up sections, {@code dbmate rollback} the last down section.
 */
@Tag("conformance")
class DbmateConformanceTest {
    private static final RunnerConformance RUN = new RunnerConformance("dbmate");
    private static final String FIRST = "db/migrations/20240101000001_items.sql";
    private static final String SECOND = "db/migrations/20240101000002_change.sql";
    private static PostgresCluster pg;
    private static Path dbmate;

    @BeforeAll
    static void setUp() throws Exception {
        pg = RUN.cluster();
        dbmate = NodeTools.find("dbmate");
        RUN.assumeInstalled(dbmate != null, "no dbmate in node_modules/.bin or on PATH (npm ci in the repository root installs it)");
        RUN.ran(NodeTools.version(dbmate, "dbmate"));
    }

    @AfterAll
    static void report() {
        RUN.print();
    }

    @Test
    void concurrentIndexAloneInASection(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "cic_alone")
                .write(SECOND, up(CREATE_INDEX_CONCURRENTLY) + down("DROP INDEX IF EXISTS conf_items_c;"));
        transactionCase("cic-alone", s);
    }

    @Test
    void concurrentIndexBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "cic_beside")
                .write(SECOND, up(ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY) + down("DROP INDEX IF EXISTS conf_items_c;\n" + DROP_COLUMN));
        transactionCase("cic-beside", s);
    }

    @Test
    void transactionFalseTurnsTheTransactionOff(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "cic_tx_false")
                .write(SECOND, "-- migrate:up transaction:false\n" + CREATE_INDEX_CONCURRENTLY + "\n\n"
                        + down("DROP INDEX IF EXISTS conf_items_c;"));
        transactionCase("transaction:false, cic-alone", s);
    }

    /** dbmate sends a section as one query string: several statements are one implicit transaction in Postgres. */
    @Test
    void transactionFalseBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "cic_tx_false_beside")
                .write(SECOND, "-- migrate:up transaction:false\n" + ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY + "\n\n"
                        + down("DROP INDEX IF EXISTS conf_items_c;\n" + DROP_COLUMN));
        transactionCase("transaction:false, cic-beside", s);
    }

    @Test
    void concurrentIndexInADownSectionRunsInItsTransaction(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "cic_down")
                .write(SECOND, up("DROP INDEX IF EXISTS conf_items_c;") + down(CREATE_INDEX_CONCURRENTLY));
        Prediction p = s.predict();
        assertTrue(dbmate(s, "up").ok());
        RunnerOutcome rollback = dbmate(s, "rollback");
        if (rollback.ok()) {
            assertTrue(s.hasIndex("conf_items_c"), "the down section built the index");
        }
        RUN.transaction("cic-in-down-section", p, SECOND, s.lineOf(SECOND, "CONCURRENTLY"), rollback, IN_TRANSACTION_BLOCK);
    }

    @Test
    void downSectionRunsOnlyOnRollback(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "down")
                .write(SECOND, up(ADD_COLUMN) + down(DROP_COLUMN + "\n" + ROLLBACK_MARKER));
        Prediction p = s.predict();
        RunnerOutcome migrate = dbmate(s, "up");
        assertTrue(migrate.ok(), migrate.log());
        assertTrue(s.hasColumn("conf_items", "extra"), "up ran");
        assertFalse(s.hasIndex("conf_rolled_back"), "the down section did not run on migrate");
        RunnerOutcome rollback = dbmate(s, "rollback");
        assertTrue(rollback.ok(), rollback.log());
        assertFalse(s.hasColumn("conf_items", "extra"), "rollback ran the down section");
        assertTrue(s.hasIndex("conf_rolled_back"), "rollback ran the down section");
        assertTrue(s.hasTable("conf_items"), "rollback undid the last migration only");
        RUN.direction("down-section", p, SECOND, s.lineOf(SECOND, ROLLBACK_MARKER), "down");
    }

    private static void transactionCase(String name, MigrationSet s) throws Exception {
        Prediction p = s.predict();
        RunnerOutcome o = dbmate(s, "up");
        if (o.ok()) {
            assertTrue(s.hasIndex("conf_items_c"), "dbmate succeeded, so the index is built");
        }
        RUN.transaction(name, p, SECOND, s.lineOf(SECOND, "CONCURRENTLY"), o, IN_TRANSACTION_BLOCK);
    }

    private static MigrationSet project(Path tmp, String name) throws Exception {
        return new MigrationSet(pg, tmp, "dbmate_" + name).write(FIRST, up(CREATE_TABLE) + down(DROP_TABLE));
    }

    private static String up(String sql) {
        return "-- migrate:up\n" + sql + "\n\n";
    }

    private static String down(String sql) {
        return "-- migrate:down\n" + sql + "\n";
    }

    private static RunnerOutcome dbmate(MigrationSet s, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(dbmate.toString(), "--no-dump-schema", command));
        return s.run(cmd, Map.of("DATABASE_URL", s.url()));
    }
}
