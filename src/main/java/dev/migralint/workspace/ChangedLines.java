package dev.migralint.workspace;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Which lines of a file's new text differ from its old text (a histogram diff, as git computes it), and where each
 * unchanged line was before. Lines are 1-based.
 */
public final class ChangedLines {
    private final BitSet changed = new BitSet();
    /** Gaps where old lines were removed, each recorded as the new line that follows the gap. */
    private final BitSet deletedBefore = new BitSet();
    private final int[] oldLineOf;
    private final int lineCount;
    private final int first;
    private final int count;
    private final int removed;

    private ChangedLines(EditList edits, int oldLines, int newLines) {
        this.lineCount = newLines;
        this.oldLineOf = new int[newLines + 2];
        int firstLine = 0;
        int n = 0;
        int gone = 0;
        int nextNew = 0;
        int nextOld = 0;
        for (Edit e : edits) {
            while (nextNew < e.getBeginB()) {
                oldLineOf[++nextNew] = ++nextOld;
            }
            gone += Math.max(0, (e.getEndA() - e.getBeginA()) - (e.getEndB() - e.getBeginB()));
            if (e.getEndB() > e.getBeginB()) {
                changed.set(e.getBeginB() + 1, e.getEndB() + 1);
                n += e.getEndB() - e.getBeginB();
            } else {
                deletedBefore.set(e.getBeginB() + 1);
            }
            if (firstLine == 0) {
                firstLine = Math.max(1, Math.min(e.getBeginB() + 1, Math.max(1, newLines)));
            }
            nextNew = e.getEndB();
            nextOld = e.getEndA();
        }
        while (nextNew < newLines) {
            oldLineOf[++nextNew] = ++nextOld;
        }
        this.first = firstLine;
        this.count = n;
        this.removed = gone;
    }

    public static ChangedLines between(String oldText, String newText) {
        RawText a = new RawText(oldText.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(newText.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        return new ChangedLines(edits, a.size(), b.size());
    }

    /** True when nothing differs. */
    public boolean none() {
        return first == 0;
    }

    /** The first line that differs (or that follows removed lines), or 0 when nothing does. */
    public int first() {
        return first;
    }

    /** How many lines were added or changed (removed lines are not counted). */
    public int count() {
        return count;
    }

    /** How many old lines were removed beyond those a change replaced (an edit that only deletes counts here). */
    public int removed() {
        return removed;
    }

    /** True when any line from {@code from} to {@code to} differs, or old lines were removed between them. */
    public boolean touches(int from, int to) {
        int end = Math.max(from, to);
        int c = changed.nextSetBit(Math.max(1, from));
        if (c >= 0 && c <= end) {
            return true;
        }
        int d = deletedBefore.nextSetBit(from + 1);
        return d >= 0 && d <= end;
    }

    /** Where an unchanged line was in the old text, or 0 when the line is new or changed. */
    public int oldLine(int newLine) {
        if (newLine < 1 || newLine > lineCount || changed.get(newLine)) {
            return 0;
        }
        return oldLineOf[newLine];
    }
}
