package dev.migralint.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Table statistics of one database on one day.
 *
 * @param taken         the day they were read (UTC)
 * @param serverVersion the server's version as it reports it ({@code server_version})
 * @param database      the database's name
 * @param tables        by {@code schema.table}, sorted
 */
public record StatsSnapshot(LocalDate taken, String serverVersion, String database, Map<String, TableStats> tables) {
    public StatsSnapshot {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    /**
     * The table a statement names, or null when the snapshot does not hold it. A schema-qualified name must match
     * exactly; an unqualified one is looked up in {@code public} first (the default search path), then in the one
     * other schema that has a table of that name, if only one does.
     */
    public TableStats find(String table) {
        if (table == null || table.isEmpty()) {
            return null;
        }
        TableStats exact = tables.get(table);
        if (exact != null || lastDot(table) >= 0) {
            return exact;
        }
        TableStats inPublic = tables.get("public." + table);
        if (inPublic != null) {
            return inPublic;
        }
        List<TableStats> elsewhere = new ArrayList<>();
        for (TableStats t : tables.values()) {
            int dot = lastDot(t.name());
            if (dot >= 0 && t.name().substring(dot + 1).equals(table)) {
                elsewhere.add(t);
            }
        }
        return elsewhere.size() == 1 ? elsewhere.get(0) : null;
    }

    /** The dot that separates schema and table; names with dots inside quotes are rare enough to take the last. */
    private static int lastDot(String name) {
        return name.lastIndexOf('.');
    }
}
