package dev.migralint.stats;

/**
 * What the catalog says about one table: estimates and sizes, never its rows.
 *
 * @param name       {@code schema.table} as the catalog spells it
 * @param rows       the planner's row estimate ({@code pg_class.reltuples}), or null when the table was never
 *                   analysed or vacuumed
 * @param heapBytes  the table's own size on disk, TOAST included ({@code pg_table_size})
 * @param indexBytes the size of its indexes ({@code pg_indexes_size})
 * @param inserts    rows inserted since the statistics were last reset ({@code pg_stat_user_tables}), or null
 * @param updates    rows updated since then, or null
 * @param deletes    rows deleted since then, or null
 */
public record TableStats(String name, Long rows, long heapBytes, long indexBytes, Long inserts, Long updates,
                         Long deletes) {

    /** Heap and indexes together: what a rewrite or a full scan must get through. */
    public long totalBytes() {
        return heapBytes + indexBytes;
    }

    /** Inserts, updates and deletes together, or null when the server keeps no activity figures for the table. */
    public Long writes() {
        if (inserts == null && updates == null && deletes == null) {
            return null;
        }
        return orZero(inserts) + orZero(updates) + orZero(deletes);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
