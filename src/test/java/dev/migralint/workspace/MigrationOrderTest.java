package dev.migralint.workspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MigrationOrderTest {

    @Test
    void digitRunsCompareAsNumbers() {
        List<String> paths = new ArrayList<>(List.of("db/V10__c.sql", "db/V2__b.sql", "db/V1_1__a.sql", "db/V1__a.sql",
                "db/V001__zero.sql", "db/V0__zero.sql", "db/V00__zeros.sql", "m/20240101_x/up.sql", "m/2024010_x/up.sql"));
        paths.sort(MigrationOrder.INSTANCE);
        assertEquals(List.of("db/V0__zero.sql", "db/V00__zeros.sql", "db/V1_1__a.sql", "db/V1__a.sql",
                "db/V001__zero.sql", "db/V2__b.sql", "db/V10__c.sql", "m/2024010_x/up.sql", "m/20240101_x/up.sql"), paths);
    }

    /** The order is the one the comparator had when it stripped zeros with a regular expression (the reference here). */
    @Test
    void sameOrderAsTheRegexComparator() {
        Random random = new Random(42);
        String alphabet = "000123456789_.-/aBz\u0663";
        for (int n = 0; n < 20_000; n++) {
            String a = randomString(random, alphabet);
            String b = random.nextInt(4) == 0 ? a : randomString(random, alphabet);
            assertEquals(Integer.signum(reference(a, b)), Integer.signum(MigrationOrder.INSTANCE.compare(a, b)), a + " vs " + b);
        }
    }

    private static String randomString(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static int reference(String a, String b) {
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
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
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
