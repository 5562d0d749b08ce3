package dev.migralint.analysis;

import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.op.OperationCatalog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lock modes against the Postgres documentation (Explicit Locking; ALTER TABLE, ALTER INDEX, REINDEX, CREATE TABLE)
 * and pg_locks on a Postgres 15 server, including the changes between major versions.
 */
class LockModelTest {

    /** The lock of the last operation of the statement list, analysed for the given Postgres version. */
    private static Lock lock(String sql, int version) {
        ParsedFile parsed = new SqlFrontEnd().parse(SourceFile.ofText("m.sql", sql), Dialect.POSTGRESQL);
        var ops = new FileAnalyzer(AnalysisSettings.defaults().withPostgresVersion(version)).analyze(parsed, null)
                .operations();
        return ops.get(ops.size() - 1).lock();
    }

    private static Lock lock(String sql) {
        return lock(sql, 15);
    }

    @Test
    void createPartitionLocksTheParentExclusivelyInEveryVersion() {
        assertEquals("ACCESS EXCLUSIVE", lock("CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM (1) TO (2);", 15).mode());
        assertEquals("ACCESS EXCLUSIVE", lock("CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM (1) TO (2);", 11).mode());
        assertEquals("none", lock("CREATE TABLE m (id int) PARTITION BY RANGE (id);\n"
                + "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM (1) TO (2);").mode(), "parent new in the file");
    }

    @Test
    void attachPartitionLockWasReducedIn12() {
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER TABLE m ATTACH PARTITION m_1 FOR VALUES IN (1);", 12).mode());
        assertEquals("ACCESS EXCLUSIVE", lock("ALTER TABLE m ATTACH PARTITION m_1 FOR VALUES IN (1);", 11).mode());
        assertTrue(lock("ALTER TABLE m ATTACH PARTITION m_1 FOR VALUES IN (1);").scans());
    }

    @Test
    void detachPartition() {
        assertEquals("ACCESS EXCLUSIVE", lock("ALTER TABLE m DETACH PARTITION m_1;").mode());
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER TABLE m DETACH PARTITION m_1 CONCURRENTLY;").mode());
    }

    @Test
    void indexRenameLockWasReducedIn12() {
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER INDEX i RENAME TO j;", 12).mode());
        assertEquals("ACCESS EXCLUSIVE", lock("ALTER INDEX i RENAME TO j;", 11).mode());
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER INDEX i SET (fillfactor = 70);").mode());
        assertEquals("ACCESS EXCLUSIVE", lock("ALTER INDEX i SET TABLESPACE fast;").mode());
    }

    @Test
    void reindexTakesShareOnTheTable() {
        Lock l = lock("REINDEX TABLE t;");
        assertEquals("SHARE", l.mode());
        assertTrue(l.blocksWrites());
        assertTrue(l.blocks().contains("reads that use the index"));
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("REINDEX INDEX CONCURRENTLY i;").mode());
    }

    @Test
    void constantDefaultsStoppedRewritingIn11() {
        assertTrue(lock("ALTER TABLE t ADD COLUMN c int DEFAULT 0;", 10).rewrites());
        assertFalse(lock("ALTER TABLE t ADD COLUMN c int DEFAULT 0;", 11).rewrites());
        assertTrue(lock("ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid();", 15).rewrites());
    }

    @Test
    void generatedColumnsAreVirtualByDefaultFrom18() {
        assertTrue(lock("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a + 1) STORED;", 18).rewrites());
        assertFalse(lock("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a + 1);", 18).rewrites());
        assertFalse(lock("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a + 1) VIRTUAL;", 18).rewrites());
        assertTrue(lock("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a + 1) STORED;", 17).rewrites());
    }

    @Test
    void alterTableSubcommandsWithLighterLocks() {
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER TABLE t SET (fillfactor = 70);").mode());
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER TABLE t ALTER COLUMN a SET STATISTICS 100;").mode());
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER TABLE t ALTER COLUMN a SET (n_distinct = 10);").mode());
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER TABLE t CLUSTER ON t_a;").mode());
        assertEquals("SHARE ROW EXCLUSIVE", lock("ALTER TABLE t DISABLE TRIGGER ALL;").mode());
        assertEquals("ACCESS EXCLUSIVE", lock("ALTER TABLE t ENABLE ROW LEVEL SECURITY;").mode());
        assertEquals("ACCESS EXCLUSIVE", lock("ALTER TABLE t REPLICA IDENTITY FULL;").mode());
        assertTrue(lock("ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (a * 2);", 17).rewrites());
    }

    @Test
    void constraints() {
        assertEquals("SHARE ROW EXCLUSIVE", lock("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (r) REFERENCES u (id) NOT VALID;").mode());
        assertFalse(lock("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (r) REFERENCES u (id) NOT VALID;").scans());
        Lock exclude = lock("ALTER TABLE t ADD CONSTRAINT ex EXCLUDE USING gist (a WITH &&);");
        assertEquals("ACCESS EXCLUSIVE", exclude.mode());
        assertTrue(exclude.scans());
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("ALTER TABLE t VALIDATE CONSTRAINT fk;").mode());
    }

    @Test
    void triggersPoliciesAndDomains() {
        assertEquals("SHARE ROW EXCLUSIVE", lock("CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();").mode());
        assertEquals("ACCESS EXCLUSIVE", lock("DROP TRIGGER tr ON t;").mode());
        assertEquals("ACCESS EXCLUSIVE", lock("CREATE POLICY p ON t USING (true);").mode());
        Lock domain = lock("ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0);");
        assertEquals("SHARE", domain.mode());
        assertTrue(domain.scans());
        assertEquals("none", lock("ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0) NOT VALID;").mode());
        assertEquals("SHARE", lock("ALTER DOMAIN d SET NOT NULL;").mode());
    }

    @Test
    void maintenanceAndRefresh() {
        assertTrue(lock("VACUUM FULL t;").rewrites());
        assertEquals("SHARE UPDATE EXCLUSIVE", lock("VACUUM t;").mode());
        assertEquals("ACCESS EXCLUSIVE", lock("CLUSTER t USING i;").mode());
        assertEquals("EXCLUSIVE", lock("REFRESH MATERIALIZED VIEW CONCURRENTLY v;").mode());
        assertEquals("ACCESS EXCLUSIVE", lock("REFRESH MATERIALIZED VIEW v;").mode());
        assertEquals("none", lock("CREATE MATERIALIZED VIEW v AS SELECT 1 AS a;\nREFRESH MATERIALIZED VIEW v;").mode());
    }

    @Test
    void setNotNullSkipsItsScanWhenAValidatedCheckProvesItFrom12() {
        String proven = "ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE t VALIDATE CONSTRAINT t_c_nn;\nALTER TABLE t ALTER COLUMN c SET NOT NULL;";
        assertFalse(lock(proven, 12).scans());
        assertTrue(lock(proven, 11).scans(), "before 12 the check does not help");
        assertTrue(lock("ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE t ALTER COLUMN c SET NOT NULL;").scans(), "not validated yet");
        assertTrue(lock("ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL);\n"
                + "ALTER TABLE t DROP CONSTRAINT t_c_nn;\nALTER TABLE t ALTER COLUMN c SET NOT NULL;").scans(), "dropped again");
        assertFalse(lock("ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (\"c\" IS NOT NULL);\n"
                + "ALTER TABLE t ALTER COLUMN c SET NOT NULL;").scans(), "added valid");
    }

    @Test
    void explicitLockModesDescribeWhatTheyBlock() {
        assertEquals("ROW SHARE", lock("LOCK TABLE t IN ROW SHARE MODE;").mode());
        assertEquals("EXCLUSIVE and ACCESS EXCLUSIVE locks", lock("LOCK TABLE t IN ROW SHARE MODE;").blocks());
        assertEquals("ACCESS EXCLUSIVE", lock("LOCK TABLE t;").mode());
        assertEquals("lock-table", OperationCatalog.get().kindName(
                new SqlFrontEnd().parse(SourceFile.ofText("m.sql", "LOCK t;"), Dialect.POSTGRESQL)
                        .statements().get(0).operations().get(0).operation()));
    }
}
