package dev.migralint.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps offsets in a text after edits back to the text before them, so that findings of a later round can be reported
 * at their place in the original file, and operations before and after a fix can be matched.
 */
public final class EditMap {
    private final List<Edit> edits;
    private final int[] newStarts;
    private final int[] newEnds;
    private final int[] oldEnds;
    private final int[] deltaBefore;
    private final int totalDelta;

    /** @param edits non-conflicting edits in application order (see {@link FixPlanner#ordered}) */
    public EditMap(List<Edit> edits) {
        this.edits = List.copyOf(edits);
        int n = this.edits.size();
        newStarts = new int[n];
        newEnds = new int[n];
        oldEnds = new int[n];
        deltaBefore = new int[n];
        int delta = 0;
        for (int i = 0; i < n; i++) {
            Edit e = this.edits.get(i);
            deltaBefore[i] = delta;
            newStarts[i] = e.span().start() + delta;
            newEnds[i] = newStarts[i] + e.replacement().length();
            oldEnds[i] = e.span().end();
            delta += e.replacement().length() - e.span().length();
        }
        totalDelta = delta;
    }

    public static EditMap identity() {
        return new EditMap(List.of());
    }

    /**
     * The offset before the edits of offset {@code p} after them. An offset inside inserted or replacing text maps to
     * the start of the replaced range, or to -1 when {@code strict}.
     */
    public int toOld(int p, boolean strict) {
        // The first edit whose new text ends after p decides (new ends ascend): a binary search, not a walk, since
        // every finding of every round is mapped back.
        int j = firstAbove(newEnds, p);
        if (j == edits.size()) {
            return p - totalDelta;
        }
        if (p < newStarts[j]) {
            return p - deltaBefore[j];
        }
        return strict ? -1 : edits.get(j).span().start();
    }

    /** The first index whose value exceeds p (values ascend), or the length. */
    private static int firstAbove(int[] values, int p) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The offset after the edits of offset {@code p} before them. Text pushed along by an insertion at {@code p}
     * (a SET put before a statement) maps past the insertion; an offset inside replaced text maps to the start of
     * its replacement.
     */
    public int toNew(int p) {
        int j = firstAbove(oldEnds, p);
        if (j == edits.size()) {
            return p + totalDelta;
        }
        int a = edits.get(j).span().start();
        return p < a ? p + deltaBefore[j] : a + deltaBefore[j];
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
