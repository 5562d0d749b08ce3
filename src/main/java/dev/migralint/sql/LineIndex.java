package dev.migralint.sql;

import java.util.Arrays;

/** Maps char offsets to 1-based line and column numbers. Columns count UTF-16 chars, as editors and SARIF do by default. */
public final class LineIndex {
    private final int[] lineStarts;
    private final int length;

    public LineIndex(String text) {
        int[] starts = new int[64];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean newline = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (newline) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
        this.length = text.length();
    }

    /** 1-based line of the offset. */
    public int line(int offset) {
        int pos = Arrays.binarySearch(lineStarts, Math.min(Math.max(offset, 0), length));
        return pos >= 0 ? pos + 1 : -pos - 1;
    }

    /** 1-based column of the offset. */
    public int column(int offset) {
        int line = line(offset);
        return Math.min(Math.max(offset, 0), length) - lineStarts[line - 1] + 1;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Offset of the first char of the 1-based line. */
    public int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
    }

    /** Offset just past the last char of the 1-based line, before its line break. */
    public int lineEnd(int line, String text) {
        int end = line < lineStarts.length ? lineStarts[line] : length;
        while (end > lineStart(line) && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }
}
