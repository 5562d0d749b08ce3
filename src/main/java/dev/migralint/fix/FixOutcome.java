package dev.migralint.fix;

import dev.migralint.rules.Finding;

/**
 * What became of one finding that names a fix.
 *
 * @param finding the finding (its positions refer to the file as it was before fixing)
 * @param fix     the fix applied or proposed, or null when none could be made
 * @param status  what happened
 * @param reason  why it was not applied (null when it was)
 */
public record FixOutcome(Finding finding, String rewrite, Fix fix, Status status, String reason) {

    public enum Status {
        /** The fix was applied (or, with --diff, would be). */
        FIXED,
        /** The fix is unsafe and --unsafe-fixes was not given. */
        UNSAFE,
        /** No correct rewrite exists here; the reason says why and what to do instead. */
        UNAVAILABLE
    }

    public static FixOutcome fixed(Finding f, Fix fix) {
        return new FixOutcome(f, fix.rewrite(), fix, Status.FIXED, null);
    }

    public static FixOutcome unsafe(Finding f, Fix fix) {
        return new FixOutcome(f, fix.rewrite(), fix, Status.UNSAFE,
                "unsafe fix (" + fix.description() + "); apply it with --unsafe-fixes");
    }

    public static FixOutcome unavailable(Finding f, String rewrite, String reason) {
        return new FixOutcome(f, rewrite, null, Status.UNAVAILABLE, reason);
    }

    public boolean isFixed() {
        return status == Status.FIXED;
    }
}
