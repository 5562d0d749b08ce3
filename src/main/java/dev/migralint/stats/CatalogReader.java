package dev.migralint.stats;

import org.postgresql.Driver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads table statistics from a PostgreSQL catalog, read-only: the planner's row estimates ({@code pg_class}), sizes
 * on disk ({@code pg_table_size}, {@code pg_indexes_size}) and write counters ({@code pg_stat_user_tables}). It never
 * selects from a user table, so no row ever leaves the server. The transaction is {@code READ ONLY}, with short lock
 * and statement timeouts: the size functions take a table's weakest lock, which waits only behind an ACCESS EXCLUSIVE
 * one, and a replica or a busy primary is not kept waiting.
 */
public final class CatalogReader {
    /** Every ordinary, partitioned and materialized table outside the system schemas, with its partitions' parent. */
    static final String TABLES = """
            SELECT n.nspname, c.relname, c.relkind,
                   CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END,
                   pg_table_size(c.oid), pg_indexes_size(c.oid),
                   s.n_tup_ins, s.n_tup_upd, s.n_tup_del,
                   (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i
                      JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                     WHERE i.inhrelid = c.oid AND p.relkind = 'p' LIMIT 1)
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
             WHERE c.relkind IN ('r', 'p', 'm')
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
            """;

    private CatalogReader() {
    }

    /** Connects, reads and disconnects; every message it throws has the password taken out. */
    public static StatsSnapshot read(DatabaseUrl url, Clock clock) throws StatsException {
        Properties props = new Properties();
        props.putAll(url.options());
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.putIfAbsent("connectTimeout", "10");
        props.putIfAbsent("socketTimeout", "120");
        props.setProperty("ApplicationName", "migralint stats");
        props.setProperty("readOnly", "true");
        try (Connection c = new Driver().connect(url.jdbcUrl(), props)) {
            if (c == null) {
                throw new StatsException("the PostgreSQL driver does not accept " + url.display());
            }
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
                st.execute("SET LOCAL lock_timeout = '5s'");
                st.execute("SET LOCAL statement_timeout = '120s'");
            }
            String version = single(c, "SHOW server_version");
            String database = single(c, "SELECT current_database()");
            Map<String, TableStats> tables = new LinkedHashMap<>();
            Map<String, String> parents = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(TABLES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1) + "." + rs.getString(2);
                    // A partitioned table's own figures are left out (ANALYZE estimates its rows too): its partitions'
                    // are added up below.
                    tables.put(name, "p".equals(rs.getString(3)) ? new TableStats(name, null, 0, 0, null, null, null)
                            : new TableStats(name, nullableLong(rs, 4), rs.getLong(5), rs.getLong(6),
                            nullableLong(rs, 7), nullableLong(rs, 8), nullableLong(rs, 9)));
                    String parent = rs.getString(10);
                    if (parent != null) {
                        parents.put(name, parent);
                    }
                }
            }
            c.rollback();
            return new StatsSnapshot(LocalDate.now(clock), version, database, withPartitionsSummed(tables, parents));
        } catch (SQLException e) {
            throw new StatsException("cannot read statistics from " + url.display() + ": "
                    + url.redactIn(firstLine(e.getMessage())));
        } catch (RuntimeException e) {
            throw new StatsException("cannot read statistics from " + url.display() + ": "
                    + url.redactIn(firstLine(String.valueOf(e.getMessage()))));
        }
    }

    /**
     * A partitioned table holds no rows itself: its figures are its partitions' (recursively), which is what an
     * ALTER TABLE or CREATE INDEX on the parent works through.
     */
    static Map<String, TableStats> withPartitionsSummed(Map<String, TableStats> tables, Map<String, String> parents) {
        Map<String, TableStats> out = new LinkedHashMap<>(tables);
        for (Map.Entry<String, String> e : parents.entrySet()) {
            if (parents.containsValue(e.getKey())) {
                continue; // only leaves carry data; a partition that is itself partitioned adds nothing of its own
            }
            TableStats leaf = tables.get(e.getKey());
            String parent = e.getValue();
            Set<String> seen = new HashSet<>();
            while (parent != null && seen.add(parent) && out.containsKey(parent)) {
                out.put(parent, plus(out.get(parent), leaf));
                parent = parents.get(parent);
            }
        }
        return out;
    }

    private static TableStats plus(TableStats a, TableStats b) {
        return new TableStats(a.name(), sum(a.rows(), b.rows()), a.heapBytes() + b.heapBytes(),
                a.indexBytes() + b.indexBytes(), sum(a.inserts(), b.inserts()), sum(a.updates(), b.updates()),
                sum(a.deletes(), b.deletes()));
    }

    private static Long sum(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
