package dev.migralint.analysis;

import dev.migralint.config.StatsSettings;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.stats.StatsSnapshot;
import dev.migralint.stats.TableStats;
import dev.migralint.workspace.Framework;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** table-rows, table-bytes, table-writes, table-size and table-stats from a snapshot. */
class TableSizeFactsTest {
    private static final StatsSnapshot SNAPSHOT = new StatsSnapshot(LocalDate.of(2026, 11, 30), "16.4", "app", Map.of(
            "public.events", new TableStats("public.events", 2_100_000_000L, 400L << 30, 10L << 30, 5L, 6L, 7L),
            "public.tags", new TableStats("public.tags", 120L, 16_384, 16_384, 1L, null, null),
            "billing.invoices", new TableStats("billing.invoices", null, 8192, 0, null, null, null)));
    private static final TableSizeFacts SIZES = new TableSizeFacts(SNAPSHOT, StatsSettings.defaults());

    private static Map<String, Object> firstOf(String sql, String kind, TableSizeFacts sizes) {
        ParsedFile parsed = new SqlFrontEnd().parse(SourceFile.ofText("m.sql", sql), Dialect.POSTGRESQL);
        List<AnalyzedOperation> ops = new FileAnalyzer(AnalysisSettings.defaults().withTableSizes(sizes))
                .analyze(parsed, Framework.PLAIN).operations();
        return ops.stream().filter(o -> OperationCatalog.get().kindName(o.operation().operation()).equals(kind))
                .findFirst().orElseThrow().context();
    }

    @Test
    void aLargeTable() {
        Map<String, Object> c = firstOf("CREATE INDEX i ON events (id);", "create-index", SIZES);
        assertEquals(2_100_000_000L, c.get("table-rows"));
        assertEquals(410L << 30, c.get("table-bytes"));
        assertEquals(18L, c.get("table-writes"));
        assertEquals("large", c.get("table-size"));
        assertEquals("events: ~2.1 billion rows, 410 GB as of 2026-11-30", c.get("table-stats"));
    }

    @Test
    void aSmallTableQualifiedOrNot() {
        assertEquals("small", firstOf("CREATE INDEX i ON tags (id);", "create-index", SIZES).get("table-size"));
        Map<String, Object> c = firstOf("CREATE INDEX i ON public.tags (id);", "create-index", SIZES);
        assertEquals("small", c.get("table-size"));
        assertEquals(120L, c.get("table-rows"));
        assertEquals(1L, c.get("table-writes"), "missing counters count as none when one is known");
        // Another schema is found when it alone has the name; a never-analysed table is judged by its bytes.
        Map<String, Object> other = firstOf("CREATE INDEX i ON invoices (id);", "create-index", SIZES);
        assertEquals("small", other.get("table-size"));
        assertNull(other.get("table-rows"));
        assertNull(other.get("table-writes"));
        assertEquals("invoices: rows not estimated, 8192 bytes as of 2026-11-30", other.get("table-stats"));
    }

    @Test
    void thresholdsComeFromTheSettings() {
        TableSizeFacts strict = new TableSizeFacts(SNAPSHOT, new StatsSettings("x", false, 100, 1L << 40, 90));
        assertEquals("large", firstOf("CREATE INDEX i ON tags (id);", "create-index", strict).get("table-size"),
                "120 rows is not under 100");
    }

    @Test
    void absentTablesAndRunsWithoutSnapshotAreUnknown() {
        Map<String, Object> c = firstOf("CREATE INDEX i ON nowhere (id);", "create-index", SIZES);
        assertEquals("unknown", c.get("table-size"));
        assertNull(c.get("table-rows"));
        assertNull(c.get("table-bytes"));
        assertNull(c.get("table-stats"));
        assertNull(firstOf("CREATE INDEX i ON other.tags (id);", "create-index", SIZES).get("table-rows"),
                "a qualified name matches its schema only");
        assertEquals("unknown", firstOf("CREATE INDEX i ON events (id);", "create-index", TableSizeFacts.NONE)
                .get("table-size"));
    }

    @Test
    void aTableCreatedInTheFileIsNewWhateverTheSnapshotSays() {
        Map<String, Object> c = firstOf("CREATE TABLE events (id bigint);\nCREATE INDEX i ON events (id);",
                "create-index", SIZES);
        assertEquals("new", c.get("table-size"));
        assertNull(c.get("table-rows"));
        assertNull(c.get("table-stats"));
    }

    @Test
    void aTableCreatedEarlierInTheChangeIsNewToo() {
        Map<String, Object> ctx = new java.util.HashMap<>();
        ctx.put("table-created-in-change", true);
        SIZES.put(ctx, "events", false);
        assertEquals("new", ctx.get("table-size"));
        assertNull(ctx.get("table-rows"));
        Map<String, Object> notNew = new java.util.HashMap<>();
        notNew.put("table-created-in-change", false);
        SIZES.put(notNew, "events", false);
        assertEquals("large", notNew.get("table-size"));
    }
}
