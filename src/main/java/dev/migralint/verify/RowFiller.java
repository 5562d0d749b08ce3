package dev.migralint.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * --rows N: fills each table the change touches with N generated rows before the change runs, so that scans and
 * rewrites show in the durations. Only the columns that need a value get one (NOT NULL without a default), made from
 * the row number and cast to the column's type; a table whose rows cannot be made that way (a foreign key, a CHECK,
 * a type without a recipe) is left as it is, and the run says so.
 */
final class RowFiller {
    private RowFiller() {
    }

    static void fill(Connection c, Set<String> tables, int rows, List<VerifyFinding> notes) throws SQLException {
        for (String table : tables) {
            List<String> cols = new ArrayList<>();
            List<String> values = new ArrayList<>();
            String problem = null;
            try (PreparedStatement q = c.prepareStatement("SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),"
                    + " t.typtype::text FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                    + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull"
                    + " AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '' ORDER BY a.attnum")) {
                q.setString(1, qualified(table));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String v = value(rs.getString(2), rs.getString(3));
                        if (v == null) {
                            problem = "no way to generate values of type " + rs.getString(2);
                            break;
                        }
                        cols.add(rs.getString(1));
                        values.add(v);
                    }
                }
            }
            if (problem == null) {
                String sql = "INSERT INTO " + qualified(table) + (cols.isEmpty() ? " SELECT FROM generate_series(1, " + rows + ") g"
                        : " (" + String.join(", ", cols) + ") SELECT " + String.join(", ", values)
                        + " FROM generate_series(1, " + rows + ") g");
                if (cols.isEmpty()) {
                    sql = "INSERT INTO " + qualified(table) + " SELECT FROM generate_series(1, " + rows + ") g";
                }
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                    s.execute("ANALYZE " + qualified(table));
                } catch (SQLException e) {
                    problem = ServerSession.errorText(e);
                }
            }
            if (problem != null) {
                notes.add(new VerifyFinding(VerifyFinding.ROWS_NOT_GENERATED, "notice", table, 0, "--rows: " + table
                        + " was left empty: " + problem));
            }
        }
    }

    private static String qualified(String table) {
        int dot = table.indexOf('.');
        return "\"" + table.substring(0, dot).replace("\"", "\"\"") + "\".\"" + table.substring(dot + 1).replace("\"", "\"\"") + "\"";
    }

    /** An expression of the row number {@code g} for a column type, or null. */
    private static String value(String type, String typtype) {
        String t = type.toLowerCase(Locale.ROOT);
        if (typtype.equals("e")) {
            return "(enum_range(NULL::" + type + "))[1]";
        }
        if (t.startsWith("integer") || t.startsWith("bigint") || t.startsWith("smallint") || t.startsWith("numeric")
                || t.startsWith("real") || t.startsWith("double")) {
            return "g::" + type;
        }
        if (t.startsWith("text") || t.startsWith("character") || t.startsWith("citext")) {
            return "g::text::" + type;
        }
        if (t.startsWith("boolean")) {
            return "(g % 2 = 0)";
        }
        if (t.startsWith("timestamp") || t.startsWith("date") || t.startsWith("time")) {
            return "now()::" + type;
        }
        if (t.equals("uuid")) {
            return "md5(g::text)::uuid";
        }
        if (t.equals("json") || t.equals("jsonb")) {
            return "'{}'::" + type;
        }
        if (t.equals("bytea")) {
            return "'\\x00'::bytea";
        }
        if (t.endsWith("[]")) {
            return "'{}'::" + type;
        }
        return null;
    }
}
