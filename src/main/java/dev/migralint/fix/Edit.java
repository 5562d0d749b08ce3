package dev.migralint.fix;

import dev.migralint.sql.Span;

/**
 * One text edit on the original text of a file: replace {@code span} with {@code replacement}. An empty span is an
 * insertion at {@code span.start()}.
 */
public record Edit(Span span, String replacement) {
    public Edit {
        if (span == null || replacement == null) {
            throw new IllegalArgumentException("edit needs a span and a replacement");
        }
    }

    public static Edit insert(int offset, String text) {
        return new Edit(new Span(offset, offset), text);
    }

    public static Edit replace(Span span, String text) {
        return new Edit(span, text);
    }

    public boolean isInsertion() {
        return span.length() == 0;
    }

    /**
     * True when the two edits cannot both be applied: overlapping replaced ranges, or an insertion strictly inside a
     * replaced range. Insertions at the same offset, and an insertion at either end of a replaced range, do not
     * conflict: their order is decided by the planner.
     */
    public boolean conflictsWith(Edit other) {
        if (equals(other)) {
            return false;
        }
        Span a = span;
        Span b = other.span;
        if (a.length() > 0 && b.length() > 0) {
            return a.overlaps(b);
        }
        if (a.length() == 0 && b.length() == 0) {
            return false;
        }
        Span range = a.length() > 0 ? a : b;
        int at = a.length() > 0 ? b.start() : a.start();
        return range.start() < at && at < range.end();
    }
}
