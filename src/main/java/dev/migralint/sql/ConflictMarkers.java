package dev.migralint.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the lines an unresolved git merge leaves in a file: {@code <<<<<<< ours}, {@code |||||||} (diff3),
 * {@code =======} and {@code >>>>>>> theirs}, each at the start of a line, seven characters long and followed by the
 * end of the line or a space, as git writes them.
 */
public final class ConflictMarkers {
    private ConflictMarkers() {
    }

    /** The start offsets of the marker lines, in order. */
    public static List<Integer> find(String text) {
        List<Integer> out = new ArrayList<>();
        int n = text.length();
        int lineStart = 0;
        while (lineStart < n) {
            if (isMarker(text, lineStart)) {
                out.add(lineStart);
            }
            int nl = text.indexOf('\n', lineStart);
            if (nl < 0) {
                break;
            }
            lineStart = nl + 1;
        }
        return out;
    }

    private static boolean isMarker(String text, int at) {
        if (at + 7 > text.length()) {
            return false;
        }
        char c = text.charAt(at);
        if (c != '<' && c != '=' && c != '>' && c != '|') {
            return false;
        }
        for (int i = 1; i < 7; i++) {
            if (text.charAt(at + i) != c) {
                return false;
            }
        }
        if (at + 7 == text.length()) {
            return true;
        }
        char after = text.charAt(at + 7);
        if (c == '=') {
            return after == '\n' || after == '\r';
        }
        return after == ' ' || after == '\n' || after == '\r';
    }
}
