package dev.migralint.verify;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A database's schema as a sorted list of normalised statements, to compare before and after a rollback:
 * {@code pg_dump --schema-only} when a pg_dump at least as new as the server is at hand, else a catalog query that
 * lists tables and columns, indexes, constraints, sequences, views, functions, types, triggers and extensions.
 */
public final class SchemaDump {
    private static final String CATALOG = String.join(" UNION ALL ",
            "SELECT 'SCHEMA ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
            "SELECT 'EXTENSION ' || extname FROM pg_extension",
            "SELECT 'TABLE ' || c.oid::regclass::text || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r','p','v','m','f','S') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'",
            "SELECT 'COLUMN ' || a.attrelid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                    + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
                    + " || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p','v','m','f')"
                    + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'",
            "SELECT 'INDEX ' || indexdef FROM pg_indexes WHERE schemaname NOT LIKE 'pg\\_%' AND schemaname <> 'information_schema'",
            "SELECT 'CONSTRAINT ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
                    + " FROM pg_constraint WHERE conrelid <> 0 AND connamespace NOT IN (SELECT oid FROM pg_namespace WHERE nspname LIKE 'pg\\_%' OR nspname = 'information_schema')",
            "SELECT 'VIEW ' || c.oid::regclass::text || ' ' || pg_get_viewdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('v','m') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'",
            "SELECT 'FUNCTION ' || p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')",
            "SELECT 'TYPE ' || t.oid::regtype::text || coalesce(' (' || (SELECT string_agg(enumlabel, ', ' ORDER BY enumsortorder)"
                    + " FROM pg_enum e WHERE e.enumtypid = t.oid) || ')', '') FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE t.typtype IN ('e','d','c') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')"
                    + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'",
            "SELECT 'TRIGGER ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal");

    /**
     * The catalog query: one normalised line per schema object (columns by name, so column order is not compared).
     * Also what {@code plan --split}'s tests compare, where an expand/contract sequence adds columns in another order.
     */
    public static String catalogQuery() {
        return CATALOG;
    }

    private final Path pgDump;
    private final Endpoint endpoint;

    /** @param pgDump a pg_dump at least as new as the server, or null for the catalog query */
    SchemaDump(Path pgDump, Endpoint endpoint) {
        this.pgDump = pgDump;
        this.endpoint = endpoint;
    }

    String method() {
        return pgDump != null ? "pg_dump --schema-only" : "catalog query";
    }

    List<String> dump(Connection conn) throws SQLException, VerifyException {
        if (pgDump != null) {
            List<String> d = pgDump();
            if (d != null) {
                return d;
            }
        }
        List<String> out = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(CATALOG)) {
            while (rs.next()) {
                out.add(rs.getString(1).replaceAll("\\s+", " ").strip());
            }
        }
        Collections.sort(out);
        return out;
    }

    /** pg_dump's statements without comments, SET lines and psql meta-commands; null when pg_dump failed. */
    private List<String> pgDump() throws VerifyException {
        ProcessBuilder pb = new ProcessBuilder(pgDump.toString(), "--schema-only", "--no-owner", "--no-privileges",
                "--no-comments", "-h", endpoint.host(), "-p", String.valueOf(endpoint.port()), "-U", endpoint.user(),
                "-d", endpoint.database()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        if (endpoint.password() != null) {
            pb.environment().put("PGPASSWORD", endpoint.password());
        }
        try {
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return statements(text);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifyException("interrupted");
        }
    }

    static List<String> statements(String dump) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : dump.split("\n")) {
            String l = line.strip();
            if (cur.length() == 0 && (l.isEmpty() || l.startsWith("--") || l.startsWith("\\") || l.startsWith("SET ")
                    || l.startsWith("SELECT pg_catalog.set_config"))) {
                continue;
            }
            cur.append(cur.length() == 0 ? "" : " ").append(l);
            if (l.endsWith(";")) {
                out.add(cur.toString().replaceAll("\\s+", " "));
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        Collections.sort(out);
        return out;
    }

    /** What differs between two dumps, in words, or null when they are the same. */
    static String difference(List<String> before, List<String> after) {
        List<String> missing = minus(before, after);
        List<String> extra = minus(after, before);
        if (missing.isEmpty() && extra.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        if (!extra.isEmpty()) {
            b.append("left behind by the down migration: ").append(list(extra));
        }
        if (!missing.isEmpty()) {
            b.append(b.length() == 0 ? "" : "; ").append("missing after the down migration: ").append(list(missing));
        }
        return b.toString();
    }

    private static List<String> minus(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(a);
        for (String s : b) {
            rest.remove(s);
        }
        return rest;
    }

    private static String list(List<String> items) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < items.size() && i < 5; i++) {
            shown.add(ServerSession.oneLine(items.get(i)));
        }
        return String.join(" | ", shown) + (items.size() > 5 ? " | (" + (items.size() - 5) + " more)" : "");
    }
}
