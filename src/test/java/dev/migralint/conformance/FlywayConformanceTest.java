package dev.migralint.conformance;

import dev.migralint.PostgresCluster;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

import static dev.migralint.conformance.MigrationSet.ADD_COLUMN;
import static dev.migralint.conformance.MigrationSet.CREATE_INDEX_CONCURRENTLY;
import static dev.migralint.conformance.MigrationSet.CREATE_TABLE;
import static dev.migralint.conformance.MigrationSet.DROP_COLUMN;
import static dev.migralint.conformance.MigrationSet.ROLLBACK_MARKER;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flyway Community ({@code flyway-core} and {@code flyway-database-postgresql}, test dependencies), driven through its
 * Java API with the project's {@code flyway.conf} when it has one: {@code db/migration/V<n>__<name>.sql} scripts, each
 * in a transaction unless Flyway finds a statement that cannot run in one (it then runs the script without one, and
 * refuses a script that mixes both unless {@code mixed} is on), or {@code executeInTransaction=false} is set globally
 * or in the script's {@code V<n>__<name>.sql.conf}. Undo scripts ({@code U<n>__<name>.sql}) run only with
 * {@code flyway undo}, a Teams feature: here we can only check that {@code migrate} never runs them.
 *
 * <p>With Flyway's defaults a CONCURRENTLY statement never finishes: Flyway holds its advisory lock in a transaction
 * on a second connection ({@code postgresql.transactional.lock=true}), and CREATE INDEX CONCURRENTLY waits for every
 * older transaction to end. The connection's {@code lock_timeout} turns that wait into an error here; the other cases
 * set {@code flyway.postgresql.transactional.lock=false}, which Flyway documents for CONCURRENTLY.
 */
@Tag("conformance")
class FlywayConformanceTest {
    private static final RunnerConformance RUN = new RunnerConformance("flyway");
    /**
     * Postgres refusing the statement, Flyway refusing a script that mixes both kinds, or the statement waiting for
     * Flyway's lock transaction until lock_timeout.
     */
    private static final Pattern TRANSACTION_FAILURE = Pattern.compile(RunnerConformance.IN_TRANSACTION_BLOCK.pattern()
            + "|transactional and non-transactional statements|canceling statement due to lock timeout");
    /** Flyway's documented setting for CONCURRENTLY on PostgreSQL (a session-level advisory lock instead). */
    private static final String SESSION_LOCK = "flyway.postgresql.transactional.lock=false\n";
    private static final String FIRST = "db/migration/V1__items.sql";
    private static final String SECOND = "db/migration/V2__change.sql";
    private static PostgresCluster pg;

    @BeforeAll
    static void setUp() throws Exception {
        pg = RUN.cluster();
        RUN.ran(mavenVersion("org.flywaydb", "flyway-core"));
    }

    @AfterAll
    static void report() {
        RUN.print();
    }

    @Test
    void concurrentIndexAloneWithFlywayDefaults(@TempDir Path tmp) throws Exception {
        transactionCase("defaults, cic-alone", project(tmp, "cic_alone_defaults")
                .write(SECOND, CREATE_INDEX_CONCURRENTLY + "\n"));
    }

    @Test
    void concurrentIndexAlone(@TempDir Path tmp) throws Exception {
        transactionCase("cic-alone", project(tmp, "cic_alone").write("flyway.conf", SESSION_LOCK)
                .write(SECOND, CREATE_INDEX_CONCURRENTLY + "\n"));
    }

    @Test
    void concurrentIndexBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        transactionCase("cic-beside", project(tmp, "cic_beside").write("flyway.conf", SESSION_LOCK)
                .write(SECOND, ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY + "\n"));
    }

    @Test
    void mixedRunsAMixedScriptWithoutATransaction(@TempDir Path tmp) throws Exception {
        transactionCase("flyway.conf mixed=true, cic-beside", project(tmp, "cic_mixed")
                .write("flyway.conf", SESSION_LOCK + "flyway.mixed=true\n")
                .write(SECOND, ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY + "\n"));
    }

    @Test
    void scriptConfigTurnsTheTransactionOff(@TempDir Path tmp) throws Exception {
        transactionCase("V2__change.sql.conf executeInTransaction=false, cic-beside", project(tmp, "cic_script_conf")
                .write("flyway.conf", SESSION_LOCK)
                .write(SECOND + ".conf", "executeInTransaction=false\n")
                .write(SECOND, ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY + "\n"));
    }

    @Test
    void globalConfigTurnsTheTransactionOff(@TempDir Path tmp) throws Exception {
        transactionCase("flyway.conf executeInTransaction=false, cic-beside", project(tmp, "cic_global_conf")
                .write("flyway.conf", SESSION_LOCK + "flyway.executeInTransaction=false\n")
                .write(SECOND, ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY + "\n"));
    }

    /** Community Flyway cannot undo; what it shows is that migrate leaves an undo script alone. */
    @Test
    void undoScriptNeverRunsOnMigrate(@TempDir Path tmp) throws Exception {
        String undo = "db/migration/U2__change.sql";
        MigrationSet s = project(tmp, "undo")
                .write(SECOND, ADD_COLUMN + "\n")
                .write(undo, DROP_COLUMN + "\n" + ROLLBACK_MARKER + "\n");
        Prediction p = s.predict();
        RunnerOutcome migrate = migrate(s);
        assertTrue(migrate.ok(), migrate.log());
        assertTrue(s.hasColumn("conf_items", "extra"), "V2 ran");
        assertFalse(s.hasIndex("conf_rolled_back"), "migrate did not run the undo script");
        RunnerOutcome undoRun = s.run(() -> flyway(s).undo());
        assertFalse(undoRun.ok(), "Community Flyway has no undo");
        RUN.observed("undo", "flyway undo fails in Community (" + undoRun.failureLine() + ")");
        RUN.direction("U2 undo script", p, undo, s.lineOf(undo, ROLLBACK_MARKER), "down");
    }

    /**
     * A script named with one underscore is no migration to Flyway: migrate succeeds and never runs it
     * (validateMigrationNaming is off by default), and migralint says so on the file (runner-skips-file).
     */
    @Test
    void scriptWithOneUnderscoreNeverRuns(@TempDir Path tmp) throws Exception {
        String skipped = "db/migration/V2_change.sql";
        MigrationSet s = project(tmp, "one_underscore").write(skipped, ADD_COLUMN + "\n");
        Prediction p = s.predict();
        RunnerOutcome o = migrate(s);
        assertTrue(o.ok(), o.log());
        assertTrue(s.hasTable("conf_items"), "V1 ran");
        assertFalse(s.hasColumn("conf_items", "extra"), "Flyway skipped " + skipped);
        assertTrue(p.rulesOn(skipped, 1).contains("runner-skips-file(up)"), "migralint: " + p.rulesOn(skipped, 1));
        assertFalse(p.rulesOn(FIRST, 1).contains("runner-skips-file(up)"), "V1__items.sql is a migration");
        RUN.observed("one underscore", "migrate skips V2_change.sql without an error; migralint: runner-skips-file");
    }

    private static void transactionCase(String name, MigrationSet s) throws Exception {
        Prediction p = s.predict();
        RunnerOutcome o = migrate(s);
        if (o.ok()) {
            assertTrue(s.hasIndex("conf_items_c"), "Flyway succeeded, so the index is built");
        }
        RUN.transaction(name, p, SECOND, s.lineOf(SECOND, "CONCURRENTLY"), o, TRANSACTION_FAILURE);
    }

    private static MigrationSet project(Path tmp, String name) throws Exception {
        return new MigrationSet(pg, tmp, "flyway_" + name).write(FIRST, CREATE_TABLE + "\n");
    }

    private static RunnerOutcome migrate(MigrationSet s) throws Exception {
        return s.run(() -> flyway(s).migrate());
    }

    /** Flyway as its command line would be set up in the project: its flyway.conf, its db/migration folder. */
    private static Flyway flyway(MigrationSet s) throws Exception {
        Properties conf = new Properties();
        Path file = s.dir.resolve("flyway.conf");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                conf.load(r);
            }
        }
        return Flyway.configure().configuration(conf)
                // A wait that would never end becomes an error (see the class comment).
                .dataSource(s.jdbcUrl() + "&options=-c%20lock_timeout=2s", PostgresCluster.USER, "")
                .locations("filesystem:" + s.dir.resolve("db/migration"))
                .load();
    }

    /** The version of a Maven artifact on the test class path, from the pom.properties its jar carries. */
    static String mavenVersion(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = FlywayConformanceTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
