package dev.migralint.fix;

import dev.migralint.rules.Finding;

import java.util.List;
import java.util.Map;

/**
 * A rewrite ready to apply: the text edits one named rewrite makes for one or more findings.
 *
 * @param ruleId      the rule whose finding asked for it (the first, when it resolves several)
 * @param rewrite     the rewrite's name, e.g. add-concurrently
 * @param edits       edits on the file's text as it was when the fix was planned
 * @param safe        false for fixes that change behaviour or need a human (applied only with --unsafe-fixes)
 * @param description what it does, in a few words
 * @param resolves    the findings it resolves
 * @param tolerated   rules expected on the statements it adds, with the reason an ignore comment gives
 */
public record Fix(String ruleId, String rewrite, List<Edit> edits, boolean safe, String description,
                  List<Finding> resolves, Map<String, String> tolerated) {
    public Fix {
        edits = List.copyOf(edits);
        resolves = List.copyOf(resolves);
        tolerated = tolerated == null ? Map.of() : Map.copyOf(tolerated);
    }

    public Fix(String ruleId, String rewrite, List<Edit> edits, boolean safe, String description,
               List<Finding> resolves) {
        this(ruleId, rewrite, edits, safe, description, resolves, Map.of());
    }

    Fix withEdits(List<Edit> newEdits) {
        return new Fix(ruleId, rewrite, newEdits, safe, description, resolves, tolerated);
    }

    /** Start of the first edit: where the fix is reported. */
    public int firstOffset() {
        return edits.stream().mapToInt(e -> e.span().start()).min().orElse(0);
    }
}
