package dev.migralint.plan;

import java.util.List;

/**
 * A risky statement written as an expand/contract sequence of migrations, each safe on its own and compatible with the
 * code deployed before it. One record per kind; {@link SplitPlanner} decides which statements get one.
 */
sealed interface Split permits RenameColumnSplit, RequireColumnSplit, ChangeTypeSplit, AddUniqueSplit,
        AddForeignKeySplit {
    /** What the one-step statement did, in words: "rename users.name to full_name". */
    String summary();

    /** The migrations in order; the first is what replaces the statement in its own migration. */
    List<SplitPhase> phases();
}
