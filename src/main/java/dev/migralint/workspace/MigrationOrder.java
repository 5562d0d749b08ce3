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
                // Leading zeros do not count (one digit stays); no regex: a sort makes thousands of comparisons.
                while (si < i - 1 && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < j - 1 && b.charAt(sj) == '0') {
                    sj++;
                }
                int c = Integer.compare(i - si, j - sj);
                for (int k = 0; c == 0 && k < i - si; k++) {
                    c = Character.compare(a.charAt(si + k), b.charAt(sj + k));
                }
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
}
