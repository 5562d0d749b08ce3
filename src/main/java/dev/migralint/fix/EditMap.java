package dev.migralint.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps offsets in a text after edits back to the text before them, so that findings of a later round can be reported
 * at their place in the original file, and operations before and after a fix can be matched.
 */
public final class EditMap {
    private final List<Edit> edits;

    /** @param edits non-conflicting edits in application order (see {@link FixPlanner#ordered}) */
    public EditMap(List<Edit> edits) {
        this.edits = List.copyOf(edits);
    }

    public static EditMap identity() {
        return new EditMap(List.of());
    }

    /**
     * The offset before the edits of offset {@code p} after them. An offset inside inserted or replacing text maps to
     * the start of the replaced range, or to -1 when {@code strict}.
     */
    public int toOld(int p, boolean strict) {
        int delta = 0;
        for (Edit e : edits) {
            int ns = e.span().start() + delta;
            int ne = ns + e.replacement().length();
            if (p < ns) {
                return p - delta;
            }
            if (p < ne) {
                return strict ? -1 : e.span().start();
            }
            delta += e.replacement().length() - e.span().length();
        }
        return p - delta;
    }

    /**
     * The offset after the edits of offset {@code p} before them. Text pushed along by an insertion at {@code p}
     * (a SET put before a statement) maps past the insertion; an offset inside replaced text maps to the start of
     * its replacement.
     */
    public int toNew(int p) {
        int delta = 0;
        for (Edit e : edits) {
            int a = e.span().start();
            int b = e.span().end();
            if (p < a) {
                return p + delta;
            }
            if (e.isInsertion()) {
                delta += e.replacement().length();
                continue;
            }
            if (p < b) {
                return a + delta;
            }
            delta += e.replacement().length() - (b - a);
        }
        return p + delta;
    }

    /** Applies edits, given in application order, to a text. */
    public static String apply(String text, List<Edit> ordered) {
        StringBuilder b = new StringBuilder(text.length() + 64);
        int cursor = 0;
        for (Edit e : ordered) {
            if (e.span().start() < cursor || e.span().end() > text.length()) {
                throw new IllegalStateException("edits overlap or run past the text: " + e);
            }
            b.append(text, cursor, e.span().start()).append(e.replacement());
            cursor = e.span().end();
        }
        b.append(text, cursor, text.length());
        return b.toString();
    }

    /** A chain of maps, latest round last: maps an offset in the final text back to the first. */
    public static int toOriginal(List<EditMap> chain, int p, boolean strict) {
        int q = p;
        for (int i = chain.size() - 1; i >= 0 && q >= 0; i--) {
            q = chain.get(i).toOld(q, strict);
        }
        return q;
    }

    public List<Edit> edits() {
        return new ArrayList<>(edits);
    }
}
