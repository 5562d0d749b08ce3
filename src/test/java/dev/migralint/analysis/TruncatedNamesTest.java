package dev.migralint.analysis;

import dev.migralint.PostgresCluster;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.workspace.Framework;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * truncated-twin: two names longer than 63 bytes that Postgres cuts to the same one, across the files of a history,
 * checked against what a real server keeps of them (and refuses).
 */
class TruncatedNamesTest {
    private static final String A = "idx_subscription_events_on_customer_id_and_created_at_and_event_type_a";
    private static final String B = "idx_subscription_events_on_customer_id_and_created_at_and_event_type_b";
    /** 62 ASCII bytes and then a two-byte letter: Postgres keeps 62 bytes, not half a character. */
    private static final String ACCENT = "x".repeat(62) + "é_and_more";

    private static List<Object> twins(String... files) {
        FileAnalyzer analyzer = new FileAnalyzer(AnalysisSettings.defaults().withDialect(Dialect.POSTGRESQL));
        List<Object> out = new ArrayList<>();
        for (String sql : files) {
            var parsed = new SqlFrontEnd().parse(SourceFile.ofText("m.sql", sql), Dialect.POSTGRESQL);
            for (AnalyzedOperation op : analyzer.analyze(parsed, Framework.PLAIN).operations()) {
                out.add(op.context().get(ContextFacts.TRUNCATED_TWIN));
            }
        }
        return out;
    }

    @Test
    void aLongNameCutToTheSameBytesAsAnEarlierOneInAnotherFile() {
        List<Object> twins = twins("CREATE TABLE t (c int);\nCREATE INDEX " + A + " ON t (c);\n",
                "CREATE INDEX " + B + " ON t (c);\n");
        assertEquals(A, twins.get(twins.size() - 1), "the second file's index");
        assertTrue(twins.subList(0, twins.size() - 1).stream().allMatch(t -> t == null), twins.toString());
        // The same long name written again (a later DROP INDEX) is one name, not two.
        assertTrue(twins("CREATE TABLE t (c int);\nCREATE INDEX " + A + " ON t (c);\n", "DROP INDEX " + A + ";\n")
                .stream().allMatch(t -> t == null));
    }

    @Test
    void keptBytesEndAtACharacterBoundary() {
        assertEquals(62, FileScan.kept(ACCENT).length());
        assertEquals(A.substring(0, 63), FileScan.kept(A));
        assertEquals("short", FileScan.kept("short"));
    }

    @Test
    void postgresKeepsWhatMigralintSaysAndRefusesTheTwin() throws Exception {
        PostgresCluster pg = PostgresCluster.sharedOrSkip();
        String db = pg.createDatabase("migralint_truncated");
        pg.query(db, "CREATE TABLE t (c int); CREATE INDEX " + A + " ON t (c); CREATE TABLE \"" + ACCENT + "\" (c int)");
        assertEquals(FileScan.kept(A), pg.query(db, "SELECT indexname FROM pg_indexes WHERE tablename = 't'").trim());
        assertEquals(FileScan.kept(ACCENT), pg.query(db,
                "SELECT relname FROM pg_class WHERE relname LIKE 'xxxx%' AND relkind = 'r'").trim());
        PostgresCluster.Run twin = pg.psql(db, List.of("-v", "ON_ERROR_STOP=1", "-c", "CREATE INDEX " + B + " ON t (c)"));
        assertFalse(twin.ok(), "the second index takes the same name");
        assertTrue(twin.output().contains("already exists"), twin.output());
        assertTrue(twins("CREATE TABLE u (c int);\nCREATE INDEX " + A + " ON u (c);\n").stream().allMatch(t -> t == null));
    }
}
