package dev.migralint.plan;

import java.util.List;

/**
 * {@code ADD [CONSTRAINT c] UNIQUE (cols)} on a table in use: the unique index built CONCURRENTLY (no write lock), then
 * the constraint attached to it with {@code USING INDEX}, which only takes a brief lock. The index gets the
 * constraint's name, as the one-step form would.
 *
 * @param name     the constraint's name (Postgres' default one when the statement named none)
 * @param columns  the parenthesised column list as written
 * @param trailing DEFERRABLE / INITIALLY ... as written, or ""
 */
record AddUniqueSplit(String table, String name, String columns, String trailing) implements Split {
    @Override
    public String summary() {
        return "add unique constraint " + name + " on " + table + " " + columns;
    }

    @Override
    public List<SplitPhase> phases() {
        String t = Sql.name(table);
        String n = SplitSql.ident(name);
        String index = "CREATE UNIQUE INDEX CONCURRENTLY " + n + " ON " + t + " " + columns;
        SplitPhase build = new SplitPhase("unique-index", "build the unique index " + name + " (CONCURRENTLY blocks no"
                + " writes; if it fails it leaves an invalid index: DROP INDEX CONCURRENTLY " + n + ", then run it again)",
                null, List.of(index), true, false,
                List.of("CREATE UNIQUE INDEX IF NOT EXISTS " + n + " ON " + t + " " + columns),
                "the runner runs every migration in a transaction, where CONCURRENTLY fails, so this builds the index"
                        + " without it, under a lock that blocks writes for the whole build. Where that matters, run "
                        + index + " with psql before deploying: this statement then finds the index and does nothing.");
        SplitPhase attach = SplitPhase.inTransaction("add-constraint", "attach the constraint to the index (brief"
                + " lock, no scan)", null, List.of("ALTER TABLE " + t + " ADD CONSTRAINT " + n + " UNIQUE USING INDEX "
                + n + (trailing.isEmpty() ? "" : " " + trailing)));
        return List.of(build, attach);
    }
}
