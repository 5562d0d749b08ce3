package dev.migralint.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line (Myers' algorithm), in the format {@code patch -p1} and {@code git apply}
 * read: {@code --- a/path}, {@code +++ b/path}, hunks with three lines of context. Lines keep their own line breaks,
 * so CRLF files diff and patch as CRLF; a last line without a break gets "\ No newline at end of file".
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    /** Memory bound for the search trace (ints); past it the middle is shown as one replaced block. */
    private static final long MAX_TRACE = 20_000_000L;

    private UnifiedDiff() {
    }

    public static String diff(String oldPath, String newPath, String a, String b) {
        if (a.equals(b)) {
            return "";
        }
        List<String> x = lines(a);
        List<String> y = lines(b);
        List<int[]> script = script(x, y);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldPath).append('\n');
        out.append("+++ ").append(newPath).append('\n');
        // script entries: {type, xIndex, yIndex}; type 0 = equal, 1 = delete, 2 = insert
        int i = 0;
        while (i < script.size()) {
            while (i < script.size() && script.get(i)[0] == 0) {
                i++;
            }
            if (i >= script.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while changes are within 2*CONTEXT equal lines of each other.
            while (true) {
                while (end < script.size() && script.get(end)[0] != 0) {
                    end++;
                }
                int eq = end;
                while (eq < script.size() && script.get(eq)[0] == 0 && eq - end < 2 * CONTEXT + 1) {
                    eq++;
                }
                if (eq < script.size() && script.get(eq)[0] != 0) {
                    end = eq;
                    continue;
                }
                end = Math.min(script.size(), end + CONTEXT);
                break;
            }
            appendHunk(out, script.subList(start, end), x, y);
            i = end;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<int[]> hunk, List<String> x, List<String> y) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (int[] e : hunk) {
            if (e[0] != 2) {
                oldCount++;
                if (oldStart < 0) {
                    oldStart = e[1];
                }
            }
            if (e[0] != 1) {
                newCount++;
                if (newStart < 0) {
                    newStart = e[2];
                }
            }
        }
        // An empty side is numbered by the line before it (diff's convention).
        int[] first = hunk.get(0);
        if (oldStart < 0) {
            oldStart = first[1] - 1;
        }
        if (newStart < 0) {
            newStart = first[2] - 1;
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        for (int[] e : hunk) {
            String line = e[0] == 2 ? y.get(e[2]) : x.get(e[1]);
            out.append(e[0] == 0 ? ' ' : e[0] == 1 ? '-' : '+').append(line);
            if (!line.endsWith("\n") && !line.endsWith("\r")) {
                out.append("\n\\ No newline at end of file\n");
            } else if (line.endsWith("\r")) {
                // A bare CR break: keep it, and end the diff line so the next one starts on its own line.
                out.append('\n');
            }
        }
    }

    private static String range(int start0, int count) {
        return count == 1 ? String.valueOf(start0 + 1) : (start0 + 1) + "," + count;
    }

    /** The text's lines, each with its line break (\n, \r\n or \r). */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int begin = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.add(s.substring(begin, i + 1));
                begin = i + 1;
            } else if (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n')) {
                out.add(s.substring(begin, i + 1));
                begin = i + 1;
            }
        }
        if (begin < s.length()) {
            out.add(s.substring(begin));
        }
        return out;
    }

    /** The shortest edit script from x to y: {type, xIndex, yIndex} entries in order. */
    static List<int[]> script(List<String> x, List<String> y) {
        int prefix = 0;
        while (prefix < x.size() && prefix < y.size() && x.get(prefix).equals(y.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < x.size() - prefix && suffix < y.size() - prefix
                && x.get(x.size() - 1 - suffix).equals(y.get(y.size() - 1 - suffix))) {
            suffix++;
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            out.add(new int[] {0, i, i});
        }
        List<String> a = x.subList(prefix, x.size() - suffix);
        List<String> b = y.subList(prefix, y.size() - suffix);
        for (int[] e : middle(a, b)) {
            out.add(new int[] {e[0], e[1] + prefix, e[2] + prefix});
        }
        for (int k = suffix; k > 0; k--) {
            out.add(new int[] {0, x.size() - k, y.size() - k});
        }
        return out;
    }

    private static List<int[]> middle(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<int[]> out = new ArrayList<>();
        int max = n + m;
        if (max == 0) {
            return out;
        }
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        long limit = Math.min(max, MAX_TRACE / (2L * max + 3));
        for (int d = 0; d <= limit; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int xx;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                    xx = v[offset + k + 1];
                } else {
                    xx = v[offset + k - 1] + 1;
                }
                int yy = xx - k;
                while (xx < n && yy < m && a.get(xx).equals(b.get(yy))) {
                    xx++;
                    yy++;
                }
                v[offset + k] = xx;
                if (xx >= n && yy >= m) {
                    found = d;
                    break;
                }
            }
            if (found >= 0) {
                break;
            }
        }
        if (found < 0) {
            for (int i = 0; i < n; i++) {
                out.add(new int[] {1, i, 0});
            }
            for (int j = 0; j < m; j++) {
                out.add(new int[] {2, n, j});
            }
            return out;
        }
        // Walk the trace back from (n, m).
        List<int[]> rev = new ArrayList<>();
        int xx = n;
        int yy = m;
        for (int d = found; d > 0; d--) {
            int[] pv = trace.get(d);
            int k = xx - yy;
            int prevK;
            if (k == -d || (k != d && pv[offset + k - 1] < pv[offset + k + 1])) {
                prevK = k + 1;
            } else {
                prevK = k - 1;
            }
            int prevX = pv[offset + prevK];
            int prevY = prevX - prevK;
            while (xx > prevX && yy > prevY) {
                xx--;
                yy--;
                rev.add(new int[] {0, xx, yy});
            }
            if (xx == prevX) {
                yy--;
                rev.add(new int[] {2, xx, yy});
            } else {
                xx--;
                rev.add(new int[] {1, xx, yy});
            }
        }
        while (xx > 0 && yy > 0) {
            xx--;
            yy--;
            rev.add(new int[] {0, xx, yy});
        }
        for (int i = rev.size() - 1; i >= 0; i--) {
            out.add(rev.get(i));
        }
        return out;
    }
}
