package dev.migralint.plan;

import java.util.List;

/**
 * {@code ADD [CONSTRAINT c] FOREIGN KEY ...} on a table in use: the constraint added {@code NOT VALID} (new rows are
 * checked, existing ones not: a brief lock), then {@code VALIDATE CONSTRAINT} in a migration of its own, a scan that
 * blocks no writes.
 *
 * @param name   the constraint's name (Postgres' default one when the statement named none)
 * @param action the ADD CONSTRAINT action as written, with the name
 */
record AddForeignKeySplit(String table, String name, String action) implements Split {
    @Override
    public String summary() {
        return "add foreign key " + name + " on " + table;
    }

    @Override
    public List<SplitPhase> phases() {
        String t = Sql.name(table);
        return List.of(
                SplitPhase.inTransaction("not-valid", "add " + name + " NOT VALID: new rows are checked, existing rows"
                        + " not yet", null, List.of("ALTER TABLE " + t + " " + action + " NOT VALID")),
                SplitPhase.inTransaction("validate", "validate " + name + " (a scan that blocks no writes; it fails if"
                        + " a row has no parent)", null, List.of("ALTER TABLE " + t + " VALIDATE CONSTRAINT "
                        + SplitSql.ident(name))));
    }
}
