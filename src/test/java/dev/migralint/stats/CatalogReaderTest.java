package dev.migralint.stats;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the catalog query reads, and how partitions add up (the real server: StatsAcceptanceTest). */
class CatalogReaderTest {
    @Test
    void nestedPartitionsAddUpToTheirRoot() {
        Map<String, TableStats> t = new LinkedHashMap<>();
        t.put("p.root", new TableStats("p.root", null, 0, 0, null, null, null));
        t.put("p.mid", new TableStats("p.mid", null, 0, 0, null, null, null));
        t.put("p.leaf1", new TableStats("p.leaf1", 10L, 100, 10, 1L, 0L, 0L));
        t.put("p.leaf2", new TableStats("p.leaf2", 20L, 200, 20, 2L, 1L, null));
        t.put("p.leaf3", new TableStats("p.leaf3", 30L, 300, 30, null, null, null));
        Map<String, String> parents = Map.of("p.mid", "p.root", "p.leaf1", "p.mid", "p.leaf2", "p.mid", "p.leaf3", "p.root");
        Map<String, TableStats> out = CatalogReader.withPartitionsSummed(t, parents);
        assertEquals(new TableStats("p.mid", 30L, 300, 30, 3L, 1L, 0L), out.get("p.mid"));
        assertEquals(new TableStats("p.root", 60L, 600, 60, 3L, 1L, 0L), out.get("p.root"));
        assertEquals(t.get("p.leaf1"), out.get("p.leaf1"));
    }

    @Test
    void theQueryReadsTheCatalogOnly() {
        String q = CatalogReader.TABLES.toLowerCase(java.util.Locale.ROOT);
        assertTrue(q.contains("from pg_class c"), q);
        // Every relation it names is a catalog or statistics view: no FROM or JOIN of anything else.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:from|join)\\s+([a-z_.]+)").matcher(q);
        while (m.find()) {
            assertTrue(m.group(1).startsWith("pg_"), "reads " + m.group(1));
        }
        assertFalse(q.contains("select *"), q);
    }
}
