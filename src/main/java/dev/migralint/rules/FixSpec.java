package dev.migralint.rules;

import java.util.List;
import java.util.Map;

/** A named rewrite a rule offers, with its arguments. The fix stage implements the names. */
public record FixSpec(String name, Map<String, Object> args) {
    /**
     * The rewrites the fix stage implements, the one list of their names ({@code fix.Rewrites} checks that it has
     * exactly these). A rule naming another fails to load.
     */
    public static final List<String> KNOWN = List.of(
            "add-if-not-exists", "add-if-exists", "add-concurrently", "split-not-valid", "set-lock-timeout",
            "comment-out", "replace-type", "not-null-in-steps", "no-transaction");
}
