package dev.migralint.plan;

import dev.migralint.sql.Names;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** SQL text the split migrations share: identifiers, derived names and the batched backfill. */
final class SplitSql {
    /** Pages per backfill batch: each batch updates the rows of at most this many pages (8 MB with 8 kB pages). */
    static final int BATCH_PAGES = 1000;

    private SplitSql() {
    }

    /**
     * The statement with an inline ignore above it: the split's own header says why the rule's worry is met (the code
     * was deployed first, or the object is the sequence's own temporary one).
     */
    static String ignoring(String rule, String reason, String statement) {
        return "-- migralint-ignore " + rule + ": " + reason + "\n" + statement;
    }

    /**
     * The row trigger that keeps a new column in step with the old one while both releases run: its function, whose
     * {@code body} is the plpgsql before {@code RETURN NEW}, and the trigger on {@code table} (already quoted).
     */
    static List<String> syncTrigger(String table, String fn, String trigger, String body) {
        return List.of("CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $migralint$\n"
                        + "BEGIN\n" + body + "  RETURN NEW;\nEND\n$migralint$",
                "CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION " + fn + "()");
    }

    /** One identifier, double-quoted (column names may hold dots, so no splitting). */
    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * A name derived from a table and a suffix ({@code users_name_not_null}), cut to the 63 bytes Postgres keeps, in
     * the table's schema when {@code qualified}.
     */
    static String derived(String table, String suffix, boolean qualified) {
        String base = Names.unqualified(table) + "_" + suffix;
        while (base.getBytes(StandardCharsets.UTF_8).length > 63) {
            base = base.substring(0, base.length() - 1);
        }
        return (qualified ? quotedSchema(table) : "") + ident(base);
    }

    private static String quotedSchema(String table) {
        String schema = Sql.schemaOf(table);
        return schema.isEmpty() ? "" : Sql.name(schema.substring(0, schema.length() - 1)) + ".";
    }

    /**
     * A backfill in batches of {@link #BATCH_PAGES} pages, walking the table by tuple id ranges (PostgreSQL 14+ reads
     * just those pages), each batch its own transaction when {@code commit}. Rows written meanwhile are kept in step by
     * the trigger or default the earlier migration set up; rows a batch moves to later pages already match
     * {@code pending} and are skipped. A notice per batch says how far it got.
     *
     * @param assignment {@code "b" = "a"}
     * @param pending    the condition of a row still to backfill
     */
    static String backfill(String table, String assignment, String pending, boolean commit) {
        String t = Sql.name(table);
        return String.join("\n",
                commit ? "-- migralint-ignore-file backfill-in-schema-migration: a data migration outside any transaction,"
                        + " committing after each batch" : "-- a backfill in the migration's transaction: see the header",
                "DO $migralint$",
                "DECLARE",
                "  batch_pages constant bigint := " + BATCH_PAGES + ";",
                "  last_page bigint := pg_relation_size(" + Sql.literal(t) + "::regclass) / current_setting('block_size')::bigint;",
                "  first_page bigint := 0;",
                "  updated bigint;",
                "BEGIN",
                "  WHILE first_page <= last_page LOOP",
                "    UPDATE " + t + " SET " + assignment,
                "     WHERE ctid >= format('(%s,0)', first_page)::tid AND ctid < format('(%s,0)', first_page + batch_pages)::tid",
                "       AND " + pending + ";",
                "    GET DIAGNOSTICS updated = ROW_COUNT;",
                "    RAISE NOTICE 'migralint backfill: pages % to % of %: % rows', first_page,"
                        + " first_page + batch_pages - 1, last_page, updated;",
                commit ? "    COMMIT;" : "    -- no COMMIT: the runner runs this file in one transaction",
                "    first_page := first_page + batch_pages;",
                "  END LOOP;",
                "END",
                "$migralint$");
    }
}
