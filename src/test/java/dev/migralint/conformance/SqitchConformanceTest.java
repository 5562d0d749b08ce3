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
 * Sqitch (Debian {@code sqitch} with {@code libdbd-pg-perl}): changes listed in {@code sqitch.plan}, each a
 * {@code deploy/<change>.sql} run by {@code sqitch deploy} and a {@code revert/<change>.sql} run by
 * {@code sqitch revert}; sqitch hands each script to psql, and a script is in a transaction only where it says
 * {@code BEGIN} (as the scripts {@code sqitch add} writes do).
 */
@Tag("conformance")
class SqitchConformanceTest {
    private static final RunnerConformance RUN = new RunnerConformance("sqitch");
    private static final String DEPLOY = "deploy/change.sql";
    private static final String REVERT = "revert/change.sql";
    private static PostgresCluster pg;
    private static Path sqitch;

    @BeforeAll
    static void setUp() throws Exception {
        pg = RUN.cluster();
        sqitch = NodeTools.find("sqitch");
        RUN.assumeInstalled(sqitch != null, "no sqitch on PATH (Debian: apt-get install sqitch libdbd-pg-perl)");
        PostgresCluster.Run version = PostgresCluster.run(List.of(sqitch.toString(), "--version"), null, Map.of(), 60);
        RUN.assumeInstalled(version.ok(), "sqitch --version failed: " + version.output());
        RUN.ran(version.output().strip().replaceAll(".*\\s(v?\\d[\\w.]*)$", "$1"));
    }

    @AfterAll
    static void report() {
        RUN.print();
    }

    @Test
    void concurrentIndexAlone(@TempDir Path tmp) throws Exception {
        transactionCase("cic-alone", project(tmp, "cic_alone", CREATE_INDEX_CONCURRENTLY, "DROP INDEX conf_items_c;"));
    }

    @Test
    void concurrentIndexBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        transactionCase("cic-beside", project(tmp, "cic_beside", ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY,
                "DROP INDEX conf_items_c;\n" + DROP_COLUMN));
    }

    /** The script as {@code sqitch add} templates it: BEGIN ... COMMIT. */
    @Test
    void concurrentIndexInsideBegin(@TempDir Path tmp) throws Exception {
        transactionCase("cic-in-begin", project(tmp, "cic_begin", "BEGIN;\n" + ADD_COLUMN + "\n"
                + CREATE_INDEX_CONCURRENTLY + "\nCOMMIT;", "BEGIN;\nDROP INDEX conf_items_c;\n" + DROP_COLUMN + "\nCOMMIT;"));
    }

    @Test
    void revertScriptRunsOnlyOnRevert(@TempDir Path tmp) throws Exception {
        MigrationSet s = project(tmp, "revert", ADD_COLUMN, DROP_COLUMN + "\n" + ROLLBACK_MARKER);
        Prediction p = s.predict();
        RunnerOutcome deploy = sqitch(s, "deploy");
        assertTrue(deploy.ok(), deploy.log());
        assertTrue(s.hasColumn("conf_items", "extra"), "deploy ran");
        assertFalse(s.hasIndex("conf_rolled_back"), "the revert script did not run on deploy");
        RunnerOutcome revert = sqitch(s, "revert", "-y", "--to", "@HEAD^");
        assertTrue(revert.ok(), revert.log());
        assertFalse(s.hasColumn("conf_items", "extra"), "revert ran the revert script");
        assertTrue(s.hasIndex("conf_rolled_back"), "revert ran the revert script");
        assertTrue(s.hasTable("conf_items"), "revert undid the last change only");
        RUN.direction("revert-script", p, REVERT, s.lineOf(REVERT, ROLLBACK_MARKER), "down");
    }

    private static void transactionCase(String name, MigrationSet s) throws Exception {
        Prediction p = s.predict();
        RunnerOutcome o = sqitch(s, "deploy");
        if (o.ok()) {
            assertTrue(s.hasIndex("conf_items_c"), "sqitch succeeded, so the index is built");
        }
        RUN.transaction(name, p, DEPLOY, s.lineOf(DEPLOY, "CONCURRENTLY"), o, IN_TRANSACTION_BLOCK);
    }

    private static MigrationSet project(Path tmp, String name, String deploy, String revert) throws Exception {
        return new MigrationSet(pg, tmp, "sqitch_" + name)
                .write("sqitch.conf", "[core]\n\tengine = pg\n[engine \"pg\"]\n\tclient = " + pg.tool("psql") + "\n")
                .write("sqitch.plan", "%syntax-version=1.0.0\n%project=conformance\n\n"
                        + "items 2024-01-01T00:00:00Z Conformance <conformance@example.com> # a table\n"
                        + "change 2024-01-01T00:00:01Z Conformance <conformance@example.com> # the case\n")
                .write("deploy/items.sql", CREATE_TABLE + "\n")
                .write("revert/items.sql", DROP_TABLE + "\n")
                .write(DEPLOY, deploy + "\n")
                .write(REVERT, revert + "\n");
    }

    private static RunnerOutcome sqitch(MigrationSet s, String command, String... options) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(sqitch.toString(), command));
        cmd.addAll(List.of(options));
        cmd.add("db:pg://" + PostgresCluster.USER + "@" + PostgresCluster.HOST + ":" + pg.port() + "/" + s.db);
        // No user configuration: the project's sqitch.conf alone, and a committer name for the registry.
        return s.run(cmd, Map.of("SQITCH_USER_CONFIG", s.dir.resolve("no-user.conf").toString(),
                "SQITCH_FULLNAME", "Conformance", "SQITCH_EMAIL", "conformance@example.com"));
    }
}
