package dev.migralint.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Making a column of a table in use required ({@code SET NOT NULL}, or {@code ADD COLUMN ... NOT NULL} without a default
 * Postgres can add without a rewrite): the column nullable, the backfill in batches, {@code CHECK (c IS NOT NULL) NOT
 * VALID}, {@code VALIDATE CONSTRAINT} (a scan that blocks no writes), {@code SET NOT NULL} (no scan, proven by the
 * check) and the check dropped. The backfill writes the column's default; without one the value is the author's to
 * choose, so the file that adds the check says so and shows the batched backfill to write.
 *
 * @param addType     the type when the column is added, or null when it exists
 * @param defaultExpr the column's default (as declared), or null when none is known
 */
record RequireColumnSplit(String table, String columnName, String addType, String defaultExpr) implements Split {
    @Override
    public String summary() {
        return (addType != null ? "add " : "make ") + table + "." + columnName
                + (addType != null ? " " + addType + " NOT NULL" : " NOT NULL");
    }

    @Override
    public List<SplitPhase> phases() {
        String t = Sql.name(table);
        String c = SplitSql.ident(columnName);
        String check = SplitSql.derived(table, columnName + "_not_null", false);
        String addCheck = "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + c + " IS NOT NULL) NOT VALID";
        List<SplitPhase> phases = new ArrayList<>();
        List<String> expand = new ArrayList<>();
        if (addType != null) {
            expand.add("ALTER TABLE " + t + " ADD COLUMN " + c + " " + addType);
            if (defaultExpr != null) {
                expand.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + defaultExpr);
            }
        }
        if (defaultExpr != null) {
            // New rows get the default from here on, so the check holds for them and old code is not broken by it.
            expand.add(addCheck);
            phases.add(SplitPhase.inTransaction("expand", (addType != null ? "add " + columnName + " nullable with its"
                    + " default; " : "") + "new rows must not be NULL (" + check + ", NOT VALID: existing rows are not"
                    + " checked yet)", null, expand));
            String assignment = c + " = DEFAULT";
            String pending = c + " IS NULL";
            phases.add(new SplitPhase("backfill", "give the existing NULL rows the default, in batches", null,
                    List.of(SplitSql.backfill(table, assignment, pending, true)), false, true,
                    List.of(SplitSql.backfill(table, assignment, pending, false)), null));
        } else {
            if (!expand.isEmpty()) {
                phases.add(SplitPhase.inTransaction("expand", "add " + columnName + " nullable", null, expand));
            }
            phases.add(SplitPhase.inTransaction("check", "new rows must not be NULL (" + check + ", NOT VALID: existing"
                    + " rows are not checked yet). " + columnName + " has no default, so the value of existing rows is"
                    + " yours to choose: before VALIDATE, set them in batches (UPDATE " + t + " SET " + c + " = <value> WHERE "
                    + c + " IS NULL, a batch of rows at a time, committing after each: the backfill migrations of"
                    + " docs/plan.md show one)",
                    phases.isEmpty() ? null : "deploy the code that writes " + columnName + " on every insert, everywhere"
                    + "", List.of(addCheck)));
        }
        phases.add(SplitPhase.inTransaction("validate", "validate " + check + " (a scan that blocks no reads or"
                + " writes; it fails while a row holds NULL)", defaultExpr == null
                ? "set " + columnName + " on the existing NULL rows (see the migration that adds " + check + ")" : null,
                List.of("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check)));
        phases.add(SplitPhase.inTransaction("set-not-null", columnName + " becomes NOT NULL without a scan (the validated"
                + " check proves it) and the check is dropped", null, List.of(
                "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL",
                SplitSql.ignoring("ban-drop-constraint", "the sequence's own check, which SET NOT NULL now enforces",
                        "ALTER TABLE " + t + " DROP CONSTRAINT " + check))));
        return phases;
    }
}
