package dev.migralint.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code RENAME COLUMN a TO b} on a table in use: add {@code b}, keep both in step with a trigger (either name may be
 * written while old and new code run side by side), backfill in batches, switch the code, then drop the trigger and
 * {@code a}. NOT NULL carries over through a {@code CHECK ... NOT VALID} validated after the backfill; the default
 * moves to {@code b} once {@code a} is gone (until then a default on {@code b} would hide what old code wrote).
 */
record RenameColumnSplit(String table, String from, String to, SchemaMemory.Column column) implements Split {
    @Override
    public String summary() {
        return "rename " + table + "." + from + " to " + to;
    }

    @Override
    public List<SplitPhase> phases() {
        String t = Sql.name(table);
        String a = SplitSql.ident(from);
        String b = SplitSql.ident(to);
        String fn = SplitSql.derived(table, from + "_" + to + "_sync", true);
        String trigger = SplitSql.derived(table, from + "_" + to + "_sync", false);
        String check = SplitSql.derived(table, to + "_not_null", false);
        List<String> expand = new ArrayList<>();
        expand.add("ALTER TABLE " + t + " ADD COLUMN " + b + " " + column.type());
        expand.addAll(SplitSql.syncTrigger(t, fn, trigger, ""
                + "  IF TG_OP = 'INSERT' THEN\n"
                + "    IF NEW." + b + " IS NULL THEN NEW." + b + " := NEW." + a + ";\n"
                + "    ELSIF NEW." + a + " IS NULL THEN NEW." + a + " := NEW." + b + ";\n"
                + "    END IF;\n"
                + "  ELSIF NEW." + a + " IS DISTINCT FROM OLD." + a + " THEN NEW." + b + " := NEW." + a + ";\n"
                + "  ELSIF NEW." + b + " IS DISTINCT FROM OLD." + b + " THEN NEW." + a + " := NEW." + b + ";\n"
                + "  END IF;\n"));
        if (column.notNull()) {
            expand.add("ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + b + " IS NOT NULL) NOT VALID");
        }
        List<SplitPhase> phases = new ArrayList<>();
        phases.add(SplitPhase.inTransaction("expand", "add " + to + " beside " + from + " and keep the two in step"
                + " (trigger " + trigger + "); old code keeps working", null, expand));
        phases.add(backfill(t, a, b));
        if (column.notNull()) {
            phases.add(SplitPhase.inTransaction("validate", "validate " + check + " (a scan that blocks no reads or"
                    + " writes)", null, List.of("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check)));
        }
        List<String> contract = new ArrayList<>();
        contract.add(SplitSql.ignoring("ban-drop-trigger", "the sequence's own trigger, no longer needed",
                "DROP TRIGGER " + trigger + " ON " + t));
        contract.add(SplitSql.ignoring("ban-drop-function", "the sequence's own trigger function, no longer called",
                "DROP FUNCTION " + fn + "()"));
        if (column.notNull()) {
            contract.add("ALTER TABLE " + t + " ALTER COLUMN " + b + " SET NOT NULL");
            contract.add(SplitSql.ignoring("ban-drop-constraint", "the sequence's own check, which SET NOT NULL now"
                    + " enforces", "ALTER TABLE " + t + " DROP CONSTRAINT " + check));
        }
        contract.add(SplitSql.ignoring("ban-drop-column", "its values live on in " + to + ", and the code that no"
                + " longer uses " + from + " is deployed before this migration (see above)",
                "ALTER TABLE " + t + " DROP COLUMN " + a));
        if (column.defaultExpr() != null) {
            contract.add("ALTER TABLE " + t + " ALTER COLUMN " + b + " SET DEFAULT " + column.defaultExpr());
        }
        phases.add(SplitPhase.inTransaction("contract", "drop the trigger and " + from + (column.notNull()
                        ? "; " + to + " becomes NOT NULL (proven by the validated check, no scan)" : ""),
                "deploy the code that reads and writes " + to + " and never " + from + ", everywhere (a later"
                        + " release)", contract));
        return phases;
    }

    private SplitPhase backfill(String t, String a, String b) {
        return new SplitPhase("backfill", "copy " + from + " into " + to + " for the existing rows, in batches",
                null, List.of(SplitSql.backfill(table, b + " = " + a, b + " IS DISTINCT FROM " + a, true)),
                false, true, List.of(SplitSql.backfill(table, b + " = " + a, b + " IS DISTINCT FROM " + a, false)),
                null);
    }
}
