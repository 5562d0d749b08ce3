package dev.migralint.analysis;

import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.Framework;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flyway's PostgreSQL parser runs a script without a transaction when it holds a statement that cannot run in one
 * (CREATE/DROP INDEX CONCURRENTLY, VACUUM, ...), so in-transaction must be false there even though Flyway otherwise
 * wraps every script. Before this, every CONCURRENTLY statement in a Flyway script looked doomed to fail.
 */
class FlywayTransactionTest {

    private static AnalyzedFile analyze(String sql, int pgVersion) {
        // flyway.postgresql.transactional.lock=false: otherwise a CONCURRENTLY build waits on Flyway's own lock
        // (RunnerTransactionTest covers that case).
        Framework flyway = Framework.FLYWAY.withSettings(java.util.Map.of("session-lock", "flyway.conf"));
        AnalysisSettings settings = AnalysisSettings.defaults().withFramework(flyway).withPostgresVersion(pgVersion);
        ParsedFile parsed = new SqlFrontEnd().parse(SourceFile.ofText("V2__x.sql", sql), Dialect.POSTGRESQL);
        return new FileAnalyzer(settings).analyze(parsed, flyway);
    }

    private static AnalyzedOperation op(AnalyzedFile file, String kind) {
        return file.operations().stream()
                .filter(o -> OperationCatalog.get().kindName(o.operation().operation()).equals(kind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " operation"));
    }

    @Test
    void concurrentIndexScriptRunsOutsideTransaction() {
        AnalyzedFile file = analyze("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON a (x);", 15);
        AnalyzedOperation ci = op(file, "create-index");
        assertEquals(false, ci.context().get(ContextFacts.IN_TRANSACTION));
        assertEquals("none", ci.context().get(ContextFacts.TRANSACTION_SOURCE));
        assertTrue(file.transactionAssumption().contains("CREATE UNIQUE INDEX CONCURRENTLY"), file.transactionAssumption());

        AnalyzedFile drop = analyze("-- remove the old index\ndrop index concurrently if exists idx_a;", 15);
        assertEquals(false, op(drop, "drop-index").context().get(ContextFacts.IN_TRANSACTION));
    }

    @Test
    void ordinaryScriptStaysWrapped() {
        AnalyzedFile file = analyze("ALTER TABLE a ADD COLUMN y int;\nCREATE INDEX idx_a_y ON a (y);", 15);
        AnalyzedOperation ci = op(file, "create-index");
        assertEquals(true, ci.context().get(ContextFacts.IN_TRANSACTION));
        assertEquals("flyway", ci.context().get(ContextFacts.TRANSACTION_SOURCE));
    }

    @Test
    void explicitBeginStillCounts() {
        AnalyzedFile file = analyze("BEGIN;\nCREATE INDEX CONCURRENTLY idx_a ON a (x);\nCOMMIT;", 15);
        AnalyzedOperation ci = op(file, "create-index");
        assertEquals(true, ci.context().get(ContextFacts.IN_TRANSACTION));
        assertEquals("explicit", ci.context().get(ContextFacts.TRANSACTION_SOURCE));
    }

    @Test
    void addEnumValueIsNonTransactionalOnlyBeforePostgres12() {
        String sql = "ALTER TYPE \"Role\" ADD VALUE 'AUDITOR';";
        assertEquals(false, op(analyze(sql, 11), "alter-type-add-value").context().get(ContextFacts.IN_TRANSACTION));
        assertEquals(true, op(analyze(sql, 12), "alter-type-add-value").context().get(ContextFacts.IN_TRANSACTION));
    }

    @Test
    void otherRunnersAreUnaffected() {
        AnalysisSettings settings = AnalysisSettings.defaults().withFramework(Framework.DBMATE);
        ParsedFile parsed = new SqlFrontEnd().parse(SourceFile.ofText("m.sql",
                "CREATE INDEX CONCURRENTLY idx_a ON a (x);"), Dialect.POSTGRESQL);
        AnalyzedFile file = new FileAnalyzer(settings).analyze(parsed, Framework.DBMATE);
        assertEquals(true, op(file, "create-index").context().get(ContextFacts.IN_TRANSACTION));
    }
}
