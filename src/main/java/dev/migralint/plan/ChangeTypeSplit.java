package dev.migralint.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ALTER COLUMN c TYPE t} that rewrites a table in use: add {@code c_new} of the new type, a trigger that keeps it
 * in step with {@code c} (the USING expression, or a cast), backfill in batches, then swap the names in a later
 * migration and drop the old column in the release after. NOT NULL carries over through a validated check; the
 * default moves with the name.
 *
 * @param using the USING expression as written, or null for a plain cast
 */
record ChangeTypeSplit(String table, String columnName, SchemaMemory.Column column, String newType, String using)
        implements Split {
    @Override
    public String summary() {
        return "change " + table + "." + columnName + " from " + column.type() + " to " + newType;
    }

    String temporary() {
        return columnName + "_new";
    }

    String old() {
        return columnName + "_old";
    }

    /** The new value computed from the row {@code row} ("NEW." in the trigger, "" in the backfill). */
    String value(String row) {
        String c = SplitSql.ident(columnName);
        if (using == null) {
            return "CAST(" + row + c + " AS " + newType + ")";
        }
        if (row.isEmpty()) {
            return "(" + using + ")";
        }
        // Each reference to the column, quoted or not and not part of a longer name, read from the row.
        Pattern ref = Pattern.compile("(?<![\\w.\"$])(?:" + Pattern.quote(c) + "|(?i:" + Pattern.quote(columnName)
                + "))(?![\\w\"$])");
        return "(" + ref.matcher(using).replaceAll(Matcher.quoteReplacement(row + c)) + ")";
    }

    @Override
    public List<SplitPhase> phases() {
        String t = Sql.name(table);
        String c = SplitSql.ident(columnName);
        String tmp = SplitSql.ident(temporary());
        String fn = SplitSql.derived(table, columnName + "_type_sync", true);
        String trigger = SplitSql.derived(table, columnName + "_type_sync", false);
        String check = SplitSql.derived(table, temporary() + "_not_null", false);
        List<String> expand = new ArrayList<>();
        expand.add("ALTER TABLE " + t + " ADD COLUMN " + tmp + " " + newType);
        expand.addAll(SplitSql.syncTrigger(t, fn, trigger, "  NEW." + tmp + " := " + value("NEW.") + ";\n"));
        if (column.notNull()) {
            expand.add("ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + tmp + " IS NOT NULL) NOT VALID");
        }
        List<SplitPhase> phases = new ArrayList<>();
        phases.add(SplitPhase.inTransaction("expand", "add " + temporary() + " " + newType + " beside " + columnName
                + ", kept in step by trigger " + trigger + "; old code keeps working", null, expand));
        String assignment = tmp + " = " + value("");
        String pending = tmp + " IS DISTINCT FROM " + value("");
        phases.add(new SplitPhase("backfill", "compute " + temporary() + " for the existing rows, in batches", null,
                List.of(SplitSql.backfill(table, assignment, pending, true)), false, true,
                List.of(SplitSql.backfill(table, assignment, pending, false)), null));
        if (column.notNull()) {
            phases.add(SplitPhase.inTransaction("validate", "validate " + check + " (a scan that blocks no reads or"
                    + " writes)", null, List.of("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check)));
        }
        List<String> swap = new ArrayList<>();
        swap.add(SplitSql.ignoring("ban-drop-trigger", "the sequence's own trigger, no longer needed",
                "DROP TRIGGER " + trigger + " ON " + t));
        swap.add(SplitSql.ignoring("ban-drop-function", "the sequence's own trigger function, no longer called",
                "DROP FUNCTION " + fn + "()"));
        if (column.defaultExpr() != null) {
            swap.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP DEFAULT");
        }
        if (column.notNull()) {
            // The old column is written by nobody from the swap on: NOT NULL would refuse every new row.
            swap.add(SplitSql.ignoring("ban-drop-not-null", "the old column, written by nobody after the swap",
                    "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL"));
        }
        swap.add(SplitSql.ignoring("renaming-column", "the code deployed before this migration works with "
                + columnName + " as either type", "ALTER TABLE " + t + " RENAME COLUMN " + c + " TO "
                + SplitSql.ident(old())));
        swap.add(SplitSql.ignoring("renaming-column", "no code uses " + temporary() + ", the sequence's own column",
                "ALTER TABLE " + t + " RENAME COLUMN " + tmp + " TO " + c));
        if (column.notNull()) {
            swap.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL");
            swap.add(SplitSql.ignoring("ban-drop-constraint", "the sequence's own check, which SET NOT NULL now"
                    + " enforces", "ALTER TABLE " + t + " DROP CONSTRAINT " + check));
        }
        if (column.defaultExpr() != null) {
            swap.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + column.defaultExpr());
        }
        phases.add(SplitPhase.inTransaction("swap", "drop the trigger; " + columnName + " becomes the " + newType
                        + " column and the old one is kept as " + old() + " (nullable) for one release",
                "deploy code that works with " + columnName + " as " + newType + " as well as " + column.type()
                        + ", everywhere", swap));
        phases.add(SplitPhase.inTransaction("drop-old", "drop " + old(),
                "deploy a release after the swap everywhere (so that nothing reads " + old() + ")",
                List.of(SplitSql.ignoring("ban-drop-column", "its values live on in " + columnName + " (the new type), and"
                        + " nothing has used " + old() + " since the swap a release ago",
                        "ALTER TABLE " + t + " DROP COLUMN " + SplitSql.ident(old())))));
        return phases;
    }
}
