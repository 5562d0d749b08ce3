package dev.migralint.conformance;

import dev.migralint.PostgresCluster;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * Liquibase 4 ({@code liquibase-core}, a test dependency) with a formatted SQL changelog
 * ({@code --liquibase formatted sql}): each {@code --changeset} runs in a transaction unless it says
 * {@code runInTransaction:false}; its {@code --rollback} lines run only on rollback. Driven through Liquibase's
 * command API ({@code update}, {@code rollbackCount}).
 */
@Tag("conformance")
class LiquibaseConformanceTest {
    private static final RunnerConformance RUN = new RunnerConformance("liquibase");
    private static final String CHANGELOG = "db/changelog.sql";
    private static final String FIRST = "--liquibase formatted sql\n\n--changeset conformance:1\n" + CREATE_TABLE
            + "\n--rollback " + DROP_TABLE + "\n\n";
    private static PostgresCluster pg;

    @BeforeAll
    static void setUp() throws Exception {
        pg = RUN.cluster();
        // No usage reports leave a test run, and Liquibase's INFO logging stays out of the build log.
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        Logger.getLogger("liquibase").setLevel(Level.WARNING);
        RUN.ran(liquibase.util.LiquibaseUtil.getBuildVersion());
    }

    @AfterAll
    static void report() {
        RUN.print();
    }

    @Test
    void concurrentIndexAlone(@TempDir Path tmp) throws Exception {
        transactionCase("cic-alone", project(tmp, "cic_alone", "--changeset conformance:2\n" + CREATE_INDEX_CONCURRENTLY));
    }

    @Test
    void concurrentIndexBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        transactionCase("cic-beside", project(tmp, "cic_beside",
                "--changeset conformance:2\n" + ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY));
    }

    @Test
    void runInTransactionFalseAlone(@TempDir Path tmp) throws Exception {
        transactionCase("runInTransaction:false, cic-alone", project(tmp, "cic_no_tx",
                "--changeset conformance:2 runInTransaction:false\n" + CREATE_INDEX_CONCURRENTLY));
    }

    @Test
    void runInTransactionFalseBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        transactionCase("runInTransaction:false, cic-beside", project(tmp, "cic_no_tx_beside",
                "--changeset conformance:2 runInTransaction:false\n" + ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY));
    }

    @Test
    void rollbackRunsOnlyOnRollback(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "rollback", "--changeset conformance:2\n" + ADD_COLUMN + "\n--rollback "
                + DROP_COLUMN + "\n--rollback " + ROLLBACK_MARKER);
        Prediction p = s.predict();
        RunnerOutcome update = update(s);
        assertTrue(update.ok(), update.log());
        assertTrue(s.hasColumn("conf_items", "extra"), "update ran");
        assertFalse(s.hasIndex("conf_rolled_back"), "the rollback did not run on update");
        RunnerOutcome rollback = liquibase(s, "rollbackCount", Map.of("count", 1));
        assertTrue(rollback.ok(), rollback.log());
        assertFalse(s.hasColumn("conf_items", "extra"), "rollbackCount ran the rollback");
        assertTrue(s.hasIndex("conf_rolled_back"), "rollbackCount ran the rollback");
        assertTrue(s.hasTable("conf_items"), "rollbackCount undid the last changeset only");
        RUN.direction("--rollback", p, CHANGELOG, s.lineOf(CHANGELOG, ROLLBACK_MARKER), "down");
    }

    @Test
    void aRollbackBlockRunsOnlyOnRollback(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "rollback_block", "--changeset conformance:2\n" + ADD_COLUMN
                + "\n/* liquibase rollback\n" + DROP_COLUMN + "\n" + ROLLBACK_MARKER + "\n*/\n");
        Prediction p = s.predict();
        RunnerOutcome update = update(s);
        assertTrue(update.ok(), update.log());
        assertTrue(s.hasColumn("conf_items", "extra"), "update ran");
        assertFalse(s.hasIndex("conf_rolled_back"), "the rollback block did not run on update");
        RunnerOutcome rollback = liquibase(s, "rollbackCount", Map.of("count", 1));
        assertTrue(rollback.ok(), rollback.log());
        assertFalse(s.hasColumn("conf_items", "extra"), "rollbackCount ran the rollback block");
        assertTrue(s.hasIndex("conf_rolled_back"), "rollbackCount ran the rollback block");
        RUN.direction("/* liquibase rollback */", p, CHANGELOG, s.lineOf(CHANGELOG, ROLLBACK_MARKER), "down");
    }

    private static void transactionCase(String name, MigrationSet s) throws Exception {
        Prediction p = s.predict();
        RunnerOutcome o = update(s);
        if (o.ok()) {
            assertTrue(s.hasIndex("conf_items_c"), "Liquibase succeeded, so the index is built");
        }
        RUN.transaction(name, p, CHANGELOG, s.lineOf(CHANGELOG, "CONCURRENTLY"), o, IN_TRANSACTION_BLOCK);
    }

    private static MigrationSet project(Path tmp, String name, String second) throws Exception {
        return new MigrationSet(pg, tmp, "liquibase_" + name).write(CHANGELOG, FIRST + second + "\n");
    }

    private static RunnerOutcome update(MigrationSet s) throws Exception {
        return liquibase(s, "update", Map.of());
    }

    /** A Liquibase command on the project's changelog, with the project directory as its search path (as the CLI's). */
    private static RunnerOutcome liquibase(MigrationSet s, String command, Map<String, Object> arguments) throws Exception {
        return s.run(() -> Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(s.dir)), () -> {
            CommandScope c = new CommandScope(command)
                    .addArgumentValue("url", s.jdbcUrl())
                    .addArgumentValue("changelogFile", CHANGELOG);
            arguments.forEach(c::addArgumentValue);
            c.execute();
        }));
    }
}
