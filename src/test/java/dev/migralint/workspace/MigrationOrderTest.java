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

    @Test
    void prismaOrdersDirectoriesByNameAsText() {
        // Prisma's listMigrations sorts with localeCompare: an 8-digit date comes after a 14-digit timestamp of an
        // earlier day, where comparing the numbers puts it first.
        List<String> paths = new ArrayList<>(List.of("p/migrations/20250625_add_pivot/migration.sql",
                "p/migrations/20250409154352_add_dashboard/migration.sql", "p/migrations/20250604085536_histogram/migration.sql"));
        paths.sort(MigrationOrder.of(MigrationOrder.NAME, true));
        assertEquals(List.of("p/migrations/20250409154352_add_dashboard/migration.sql",
                "p/migrations/20250604085536_histogram/migration.sql", "p/migrations/20250625_add_pivot/migration.sql"), paths);
        paths.sort(MigrationOrder.INSTANCE);
        assertEquals("p/migrations/20250625_add_pivot/migration.sql", paths.get(0), "the numeric order differs");
        // punctuation before digits before letters, as a locale-aware comparison orders them
        List<String> names = new ArrayList<>(List.of("m/20250625a_x/migration.sql", "m/202506251_x/migration.sql",
                "m/20250625_x/migration.sql"));
        names.sort(MigrationOrder.of(MigrationOrder.NAME, true));
        assertEquals(List.of("m/20250625_x/migration.sql", "m/202506251_x/migration.sql", "m/20250625a_x/migration.sql"), names);
    }

    @Test
    void dieselOrdersByTheVersionWithoutDashesAsText() {
        // diesel_migrations' version_from_string: the name up to the first '_' without '-'
        List<String> paths = new ArrayList<>(List.of("migrations/2017-01-01-000000_drop/up.sql",
                "migrations/20161231000000_create/up.sql", "migrations/2017-01-01-000000_drop/down.sql",
                "migrations/00000000000000_diesel_initial_setup/up.sql"));
        paths.sort(MigrationOrder.of(MigrationOrder.VERSION_TEXT, true));
        assertEquals(List.of("migrations/00000000000000_diesel_initial_setup/up.sql",
                "migrations/20161231000000_create/up.sql", "migrations/2017-01-01-000000_drop/down.sql",
                "migrations/2017-01-01-000000_drop/up.sql"), paths);
    }

    @Test
    void sortingByKeysAgreesWithTheComparator() {
        Random random = new Random(7);
        String alphabet = "0123_-aZ";
        for (String kind : MigrationOrder.KINDS) {
            for (boolean perDirectory : new boolean[] {true, false}) {
                for (int n = 0; n < 300; n++) {
                    List<String> paths = new ArrayList<>();
                    for (int i = random.nextInt(12); i > 0; i--) {
                        paths.add("m/" + randomString(random, alphabet) + (perDirectory ? "/up.sql" : ".sql"));
                    }
                    List<String> expected = new ArrayList<>(paths);
                    expected.sort(MigrationOrder.of(kind, perDirectory));
                    MigrationOrder.sort(paths, p -> p, kind, perDirectory);
                    assertEquals(expected, paths, kind);
                }
            }
        }
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
