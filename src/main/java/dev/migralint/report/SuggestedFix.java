package dev.migralint.report;

import dev.migralint.sql.Span;

import java.util.List;

/**
 * A fix a report can offer for one finding: text edits on the file as it was linted.
 *
 * @param description what the fix does, in a few words
 * @param safe        false for fixes that change behaviour and need a human's judgement
 * @param edits       non-overlapping edits on the original text
 */
public record SuggestedFix(String description, boolean safe, List<Edit> edits) {
    public SuggestedFix {
        edits = List.copyOf(edits);
    }

    /** Replace {@code span} with {@code text}; an empty span inserts at its start. */
    public record Edit(Span span, String text) {
    }
}
