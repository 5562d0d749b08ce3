package dev.migralint.fix;

import dev.migralint.rules.Finding;

/**
 * A named rewrite that rule files refer to with {@code fix: name}. Implementations are stateless besides their name
 * and priority; each makes text edits on token spans and never re-prints SQL, so comments, quoting and layout around
 * the edit are kept.
 */
public abstract class Rewrite {
    private final String name;
    private final int priority;

    /**
     * @param name     the name rule files use
     * @param priority order among fixes: a lower number is applied first. It decides which fix wins when two overlap
     *                 and the order of insertions at the same offset (CONCURRENTLY goes before IF NOT EXISTS).
     */
    protected Rewrite(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    /** The name rule files use. */
    public final String name() {
        return name;
    }

    /** Order among fixes: a lower number is applied first. */
    public final int priority() {
        return priority;
    }

    /** True for rewrites applied once per file for all of a rule's findings (set-lock-timeout). */
    public boolean perFile() {
        return false;
    }

    /** The edits for one finding, or why there are none. Never throws for bad input: returns unavailable. */
    public abstract Proposal propose(FixContext ctx, Finding finding);
}
