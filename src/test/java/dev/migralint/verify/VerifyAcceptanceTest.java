package dev.migralint.verify;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.config.TransactionMode;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.ProjectLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance cases against a real server: the throwaway one verify starts itself (skipped when no
 * PostgreSQL server binaries are installed; .ci/run installs them).
 */
class VerifyAcceptanceTest {
    private static ThrowawayServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        List<PostgresBinaries.Found> local = PostgresBinaries.local();
        Assumptions.assumeFalse(local.isEmpty(), "no PostgreSQL server binaries installed; skipping");
        server = ThrowawayServer.start(local.get(0));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            Path d = server.directory();
            server.close();
            assertFalse(Files.exists(d), "the server's directory is removed");
        }
    }

    private HistoryOutcome verify(Framework runner, Map<String, String> files, Set<String> change, int timeout)
            throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        FileCollector collector = new FileCollector(dir, List.of(), List.of());
        var candidates = collector.collect(List.of("."), dir).files();
        AnalysisSettings settings = new AnalysisSettings(Dialect.POSTGRESQL, server.binaries().major(),
                TransactionMode.AUTO, Framework.PLAIN);
        VerifyPlan plan = VerifyPlan.build(candidates, change, new ProjectLayout(runner, Dialect.POSTGRESQL), settings,
                10_000_000);
        assertEquals(1, plan.histories().size(), plan.toString());
        VerifyResult r = new Verifier(Targets.server(server), new Verifier.Options(timeout, 0)).run(plan, 0);
        return r.histories().get(0);
    }

    private static StatementTrace trace(HistoryOutcome h, String path, int statementIndex, String direction) {
        return h.traces().stream().filter(t -> t.path().equals(path) && t.statementIndex() == statementIndex
                && t.direction().equals(direction)).findFirst().orElseThrow(() -> new AssertionError(h.traces().toString()));
    }

    @Test
    void prismaMultiStatementFileWithConcurrentIndexFailsAsPrismaWould() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("prisma/migrations/20240101000000_init/migration.sql",
                "CREATE TABLE \"Post\" (\"id\" SERIAL PRIMARY KEY, \"authorId\" INTEGER);\n");
        files.put("prisma/migrations/20240102000000_idx/migration.sql",
                "ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT;\nCREATE INDEX CONCURRENTLY \"Post_authorId_idx\" ON \"Post\"(\"authorId\");\n");
        String changed = "prisma/migrations/20240102000000_idx/migration.sql";
        HistoryOutcome h = verify(Framework.PRISMA, files, Set.of(changed), 60);
        assertNull(h.baseFailure());
        StatementTrace cic = trace(h, changed, 1, "up");
        assertNotNull(cic.error());
        assertTrue(cic.error().contains("CREATE INDEX CONCURRENTLY cannot run inside a transaction block"), cic.error());
        assertTrue(cic.transaction().contains("one query string"), cic.transaction());
        VerifyFinding f = h.findings().stream().filter(x -> x.ruleId().equals(VerifyFinding.FAILS)).findFirst().orElseThrow();
        assertEquals(2, f.line());
        assertTrue(f.message().contains("Prisma"), f.message());
    }

    @Test
    void concurrentIndexAloneInItsFileRunsAndItsLockIsSampled() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("prisma/migrations/20240101000000_init/migration.sql",
                "CREATE TABLE \"Post\" (\"id\" SERIAL PRIMARY KEY, \"authorId\" INTEGER);\n"
                        + "INSERT INTO \"Post\" (\"authorId\") SELECT g FROM generate_series(1, 200000) g;\n");
        files.put("prisma/migrations/20240102000000_idx/migration.sql",
                "CREATE INDEX CONCURRENTLY \"Post_authorId_idx\" ON \"Post\"(\"authorId\");\n");
        String changed = "prisma/migrations/20240102000000_idx/migration.sql";
        HistoryOutcome h = verify(Framework.PRISMA, files, Set.of(changed), 60);
        StatementTrace cic = trace(h, changed, 0, "up");
        assertNull(cic.error());
        assertTrue(cic.sampled());
        assertEquals("SHARE UPDATE EXCLUSIVE", cic.strongestOn("public.Post"), cic.toString());
        assertEquals("public.Post", cic.target(), "the quoted mixed-case name is resolved, so the lock is compared");
        assertNull(cic.mismatch());
    }

    @Test
    void typeChangeRewritesAndDefaultNowDoesNot() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/1_init.up.sql", "CREATE TABLE items (id int PRIMARY KEY, qty int, name text);\n"
                + "INSERT INTO items SELECT g, g, 'n' FROM generate_series(1, 1000) g;\n");
        files.put("db/2_change.up.sql", "ALTER TABLE items ALTER COLUMN qty TYPE bigint;\n"
                + "ALTER TABLE items ADD COLUMN created_at timestamptz DEFAULT now();\n"
                + "ALTER TABLE items ADD COLUMN touched_at timestamptz DEFAULT clock_timestamp();\n"
                + "ALTER TABLE items ALTER COLUMN name TYPE varchar;\n"
                + "ALTER TABLE items ALTER COLUMN name TYPE varchar(200);\n");
        String changed = "db/2_change.up.sql";
        HistoryOutcome h = verify(Framework.GOLANG_MIGRATE, files, Set.of(changed), 60);
        assertEquals(List.of("public.items"), trace(h, changed, 0, "up").rewritten(), "int -> bigint rewrites");
        assertEquals(List.of(), trace(h, changed, 1, "up").rewritten(), "DEFAULT now() is no rewrite on 11+");
        assertEquals(List.of("public.items"), trace(h, changed, 2, "up").rewritten(), "a volatile default rewrites");
        assertEquals(List.of(), trace(h, changed, 3, "up").rewritten(), "text -> varchar is binary-coercible");
        assertEquals(List.of("public.items"), trace(h, changed, 4, "up").rewritten(), "a length limit is checked by a rewrite");
        for (int i = 0; i < 5; i++) {
            assertEquals("ACCESS EXCLUSIVE", trace(h, changed, i, "up").predicted());
        }
        assertTrue(h.findings().stream().noneMatch(f -> f.ruleId().equals(VerifyFinding.MISMATCH)), h.findings().toString());
    }

    @Test
    void validatingANotValidConstraintTakesShareUpdateExclusive() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/migration/V1__init.sql", "CREATE TABLE orders (id int PRIMARY KEY, total int);\n");
        files.put("db/migration/V2__check.sql",
                "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;\n");
        files.put("db/migration/V3__validate.sql", "ALTER TABLE orders VALIDATE CONSTRAINT total_positive;\n");
        HistoryOutcome h = verify(Framework.FLYWAY, files, Set.of("db/migration/V2__check.sql", "db/migration/V3__validate.sql"), 60);
        assertEquals("ACCESS EXCLUSIVE", trace(h, "db/migration/V2__check.sql", 0, "up").strongestOn("public.orders"));
        StatementTrace validate = trace(h, "db/migration/V3__validate.sql", 0, "up");
        assertEquals("SHARE UPDATE EXCLUSIVE", validate.strongestOn("public.orders"));
        assertEquals("SHARE UPDATE EXCLUSIVE", validate.predicted());
        assertNull(validate.mismatch());
    }

    @Test
    void aDownThatForgetsAnIndexIsReportedWithTheIndexNamedAndACorrectOnePasses() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/1_init.up.sql", "CREATE TABLE items (id int PRIMARY KEY, name text);\n");
        files.put("db/1_init.down.sql", "DROP TABLE items;\n");
        files.put("db/2_idx.up.sql", "CREATE INDEX items_name_idx ON items (name);\nALTER TABLE items ADD COLUMN note text;\n");
        files.put("db/2_idx.down.sql", "ALTER TABLE items DROP COLUMN note;\n");
        files.put("db/3_ok.up.sql", "CREATE INDEX items_id_name_idx ON items (id, name);\n");
        files.put("db/3_ok.down.sql", "DROP INDEX items_id_name_idx;\n");
        HistoryOutcome h = verify(Framework.GOLANG_MIGRATE, files, Set.of("db/2_idx.up.sql", "db/3_ok.up.sql"), 60);
        RollbackOutcome bad = h.rollbacks().get(0);
        assertEquals("differs", bad.outcome(), bad.toString());
        assertTrue(bad.detail().contains("items_name_idx"), bad.detail());
        VerifyFinding f = h.findings().stream().filter(x -> x.ruleId().equals(VerifyFinding.NOT_RESTORED)).findFirst().orElseThrow();
        assertEquals("db/2_idx.down.sql", f.path());
        assertTrue(f.message().contains("items_name_idx"), f.message());
        RollbackOutcome good = h.rollbacks().get(1);
        assertEquals("restored", good.outcome(), good.toString());
        assertEquals(1, h.findings().stream().filter(x -> x.ruleId().equals(VerifyFinding.NOT_RESTORED)).count());
    }

    @Test
    void aDownThatFailsIsReportedWithTheServerError() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/1_init.up.sql", "CREATE TABLE items (id int PRIMARY KEY);\n");
        files.put("db/2_col.up.sql", "ALTER TABLE items ADD COLUMN note text;\n");
        files.put("db/2_col.down.sql", "ALTER TABLE items DROP COLUMN notes;\n");
        HistoryOutcome h = verify(Framework.GOLANG_MIGRATE, files, Set.of("db/2_col.up.sql"), 60);
        assertEquals("fails", h.rollbacks().get(0).outcome());
        VerifyFinding f = h.findings().stream().filter(x -> x.ruleId().equals(VerifyFinding.ROLLBACK_FAILS)).findFirst().orElseThrow();
        assertTrue(f.message().contains("column \"notes\" of relation \"items\" does not exist"), f.message());
    }

    @Test
    void aHangingMigrationIsBoundedByTheStatementTimeout() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("migrations/001_init.sql", "CREATE TABLE t (id int);\n");
        files.put("migrations/002_hang.sql", "SELECT pg_sleep(600);\n");
        long t0 = System.nanoTime();
        HistoryOutcome h = verify(Framework.PLAIN, files, Set.of("migrations/002_hang.sql"), 2);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(seconds < 60, "took " + seconds + " s");
        VerifyFinding f = h.findings().stream().filter(x -> x.ruleId().equals(VerifyFinding.FAILS)).findFirst().orElseThrow();
        assertTrue(f.message().contains("statement timeout") && f.message().contains("2 s"), f.message());
    }

    @Test
    void aBaseHistoryThatDoesNotApplySkipsTheChangeWithItsReason() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("migrations/001_init.sql", "CREATE TABLE t (id int);\nGRANT SELECT ON t TO no_such_role;\n");
        files.put("migrations/002_next.sql", "ALTER TABLE t ADD COLUMN x int;\n");
        HistoryOutcome h = verify(Framework.PLAIN, files, Set.of("migrations/002_next.sql"), 60);
        assertNotNull(h.baseFailure());
        assertTrue(h.baseFailure().startsWith("migrations/001_init.sql:2: "), h.baseFailure());
        assertTrue(h.baseFailure().contains("role \"no_such_role\" does not exist"), h.baseFailure());
        assertTrue(h.traces().isEmpty());
        assertEquals("skipped", h.rollbacks().get(0).outcome());
    }

    @Test
    void aTableDroppedAndCreatedAgainIsNewAndNoMismatch() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/1_init.up.sql", "CREATE TABLE nonce (state text PRIMARY KEY);\n");
        files.put("db/2_again.up.sql", "DROP TABLE IF EXISTS nonce;\nCREATE TABLE nonce (state text PRIMARY KEY, verifier text);\n");
        HistoryOutcome h = verify(Framework.GOLANG_MIGRATE, files, Set.of("db/2_again.up.sql"), 60);
        assertEquals("ACCESS EXCLUSIVE", trace(h, "db/2_again.up.sql", 1, "up").strongestOn("public.nonce"));
        assertTrue(h.findings().isEmpty(), h.findings().toString());
    }

    @Test
    void rowsFillTheTouchedTablesBeforeTheChange() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/1_init.up.sql", "CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL, note text);\n");
        files.put("db/2_check.up.sql", "ALTER TABLE items ADD CONSTRAINT qty_negative CHECK (qty < 0);\n");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        var candidates = new FileCollector(dir, List.of(), List.of()).collect(List.of("."), dir).files();
        AnalysisSettings settings = new AnalysisSettings(Dialect.POSTGRESQL, server.binaries().major(),
                TransactionMode.AUTO, Framework.PLAIN);
        VerifyPlan plan = VerifyPlan.build(candidates, Set.of("db/2_check.up.sql"),
                new ProjectLayout(Framework.GOLANG_MIGRATE, Dialect.POSTGRESQL), settings, 10_000_000);
        HistoryOutcome empty = new Verifier(Targets.server(server), new Verifier.Options(60, 0)).run(plan, 0).histories().get(0);
        assertTrue(empty.findings().isEmpty(), "an empty table satisfies any CHECK: " + empty.findings());
        HistoryOutcome filled = new Verifier(Targets.server(server), new Verifier.Options(60, 100)).run(plan, 0).histories().get(0);
        VerifyFinding f = filled.findings().stream().filter(x -> x.ruleId().equals(VerifyFinding.FAILS)).findFirst()
                .orElseThrow(() -> new AssertionError(filled.findings().toString()));
        assertTrue(f.message().contains("is violated by some row"), f.message());
    }
}
