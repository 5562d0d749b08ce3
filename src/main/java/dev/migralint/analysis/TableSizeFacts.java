package dev.migralint.analysis;

import dev.migralint.config.StatsSettings;
import dev.migralint.stats.SizeWords;
import dev.migralint.stats.StatsSnapshot;
import dev.migralint.stats.TableStats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The facts a table statistics snapshot ({@code migralint stats}) gives an operation about its table: rows, bytes,
 * writes, whether it is small, and the words a message quotes. A table created in the same file (or, where analysis
 * knows it, the same change) is new whatever the snapshot says: a snapshot of a staging copy the migration already
 * ran on must not make it look old and large.
 *
 * @param snapshot the snapshot, or null when the run has none (every table is then unknown)
 * @param settings what counts as small
 */
public record TableSizeFacts(StatsSnapshot snapshot, StatsSettings settings) {
    public static final String TABLE_ROWS = "table-rows";
    public static final String TABLE_BYTES = "table-bytes";
    public static final String TABLE_WRITES = "table-writes";
    public static final String TABLE_SIZE = "table-size";
    public static final String TABLE_STATS = "table-stats";
    /**
     * The fact another part of analysis sets, before these, for a table an earlier file of the change being checked
     * created; absent from the context it reads as null.
     */
    static final String CREATED_IN_CHANGE = "table-created-in-change";
    /** The facts this class sets. */
    public static final Set<String> NAMES = Set.of(TABLE_ROWS, TABLE_BYTES, TABLE_WRITES, TABLE_SIZE,
            TABLE_STATS);

    public static final TableSizeFacts NONE = new TableSizeFacts(null, StatsSettings.defaults());

    /** The facts' documentation, for {@link ContextFacts}. */
    static Map<String, String> docs() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(TABLE_ROWS, "the operation's table's estimated rows in the statistics snapshot (migralint stats); null when the "
                + "snapshot does not hold the table, the run has none, or the table is new in this file");
        d.put(TABLE_BYTES, "the table's size on disk, indexes included, in bytes, from the snapshot; null as for table-rows");
        d.put(TABLE_WRITES, "rows inserted, updated and deleted in the table since the server's statistics were reset, from "
                + "the snapshot; null as for table-rows");
        d.put(TABLE_SIZE, "'small' (under stats.small-table's rows and bytes), 'large', 'new' (created earlier in the same "
                + "file or change, whatever the snapshot says) or 'unknown' (not in the snapshot, or no snapshot)");
        d.put(TABLE_STATS, "the table's size in words for messages, e.g. 'events: ~2.1 billion rows, 410 GB as of 2026-11-30'; "
                + "null unless table-size is small or large. Findings on such a table end with it unless their message "
                + "places {table-stats} itself");
        return d;
    }

    /** Sets the facts for an operation on {@code table} (null: the operation names none). */
    void put(Map<String, Object> ctx, String table, boolean createdInFile) {
        boolean isNew = createdInFile || Boolean.TRUE.equals(ctx.get(CREATED_IN_CHANGE));
        TableStats t = table == null || isNew || snapshot == null ? null : snapshot.find(table);
        ctx.put(TABLE_ROWS, t == null ? null : t.rows());
        ctx.put(TABLE_BYTES, t == null ? null : t.totalBytes());
        ctx.put(TABLE_WRITES, t == null ? null : t.writes());
        ctx.put(TABLE_SIZE, isNew && table != null ? "new" : t == null ? "unknown" : small(t) ? "small" : "large");
        ctx.put(TABLE_STATS, t == null ? null : words(table, t));
    }

    /** Under both thresholds; a never-analysed table (no row estimate) is judged by its bytes alone. */
    boolean small(TableStats t) {
        return (t.rows() == null || t.rows() < settings.smallRows()) && t.totalBytes() < settings.smallBytes();
    }

    private String words(String table, TableStats t) {
        String rows = t.rows() == null ? "rows not estimated" : SizeWords.rows(t.rows());
        return table + ": " + rows + ", " + SizeWords.bytes(t.totalBytes()) + " as of " + snapshot.taken();
    }
}
