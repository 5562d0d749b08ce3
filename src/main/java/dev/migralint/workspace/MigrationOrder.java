package dev.migralint.workspace;

import java.util.Comparator;

/**
 * Orders migration paths the way runners apply them: by path, comparing digit runs as numbers so that Flyway's V2
 * comes before V10 while timestamped names keep their natural order.
 */
public final class MigrationOrder implements Comparator<String> {
    public static final MigrationOrder INSTANCE = new MigrationOrder();

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = compareNumbers(a, si, i, b, sj, j);
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Compares the digit runs a[aFrom, aTo) and b[bFrom, bTo) as numbers of any length: leading zeros dropped (one
     * digit always kept), then the shorter run is the smaller number, else the first differing digit decides. A sort
     * of thousands of paths calls this hundreds of thousands of times, so nothing is allocated.
     */
    private static int compareNumbers(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
        while (aFrom < aTo - 1 && a.charAt(aFrom) == '0') {
            aFrom++;
        }
        while (bFrom < bTo - 1 && b.charAt(bFrom) == '0') {
            bFrom++;
        }
        int aLength = aTo - aFrom;
        int bLength = bTo - bFrom;
        if (aLength != bLength) {
            return Integer.compare(aLength, bLength);
        }
        for (int k = 0; k < aLength; k++) {
            char x = a.charAt(aFrom + k);
            char y = b.charAt(bFrom + k);
            if (x != y) {
                return x - y;
            }
        }
        return 0;
    }
}
