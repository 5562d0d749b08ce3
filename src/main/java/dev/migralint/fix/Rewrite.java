package dev.migralint.fix;

import dev.migralint.rules.Finding;

/**
 * A named rewrite that rule files refer to with {@code fix: name}. Implementations are stateless; each makes text
 * edits on token spans and never re-prints SQL, so comments, quoting and layout around the edit are kept.
 */
public interface Rewrite {
    /** The name rule files use. */
    String name();

    /**
     * Order among fixes: a lower number is applied first. It decides which fix wins when two overlap and the order of
     * insertions at the same offset (CONCURRENTLY goes before IF NOT EXISTS).
     */
    int priority();

    /** True for rewrites applied once per file for all of a rule's findings (set-lock-timeout). */
    default boolean perFile() {
        return false;
    }

    /** The edits for one finding, or why there are none. Never throws for bad input: returns unavailable. */
    Proposal propose(FixContext ctx, Finding finding);
}
