package dev.migralint.workspace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Orders migration paths the way runners apply them: by path, comparing digit runs as numbers so that Flyway's V2
 * comes before V10 while timestamped names keep their natural order.
 */
public final class MigrationOrder implements Comparator<String> {
    public static final MigrationOrder INSTANCE = new MigrationOrder();
    public static final String NATURAL = "natural";
    public static final String NAME = "name";
    public static final String VERSION_TEXT = "version-text";
    /** The values of a runner descriptor's {@code migration-order}. */
    public static final List<String> KINDS = List.of(NATURAL, NAME, VERSION_TEXT);

    /**
     * How a runner orders a history's migrations, over display paths: {@code natural} is this comparator;
     * {@code name} compares the migrations' names as text the way a locale-aware comparison orders them (Prisma's
     * {@code localeCompare}): punctuation before digits before letters, case second, so {@code 20250625_x} comes after
     * {@code 20250409154352_y} (natural order puts the shorter number first); {@code version-text} compares the part
     * of the name before its first '_' with every '-' removed, as text (Diesel: {@code 2017-01-01-000000_x} is
     * version {@code 20170101000000}). Ties (a migration's up and down files) keep the natural order.
     */
    public static Comparator<String> of(String kind, boolean perDirectory) {
        if (!byKey(kind)) {
            return INSTANCE;
        }
        return (a, b) -> compare(kind, key(kind, a, perDirectory), a, key(kind, b, perDirectory), b);
    }

    /**
     * Sorts {@code items} (stable) as {@link #of} orders their paths, each path's key computed once; a list already in
     * that order (most histories: same-length timestamps) is left as it is after one pass.
     */
    public static <T> void sort(List<T> items, Function<T, String> path, String kind, boolean perDirectory) {
        if (items.size() < 2) {
            return;
        }
        if (!byKey(kind)) {
            items.sort((a, b) -> INSTANCE.compare(path.apply(a), path.apply(b)));
            return;
        }
        Comparator<Keyed<T>> order = (a, b) -> compare(kind, a.key(), a.path(), b.key(), b.path());
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        boolean ordered = true;
        for (T item : items) {
            String p = path.apply(item);
            Keyed<T> next = new Keyed<>(key(kind, p, perDirectory), p, item);
            ordered &= keyed.isEmpty() || order.compare(keyed.get(keyed.size() - 1), next) <= 0;
            keyed.add(next);
        }
        if (!ordered) {
            keyed.sort(order);
            for (int i = 0; i < keyed.size(); i++) {
                items.set(i, keyed.get(i).item());
            }
        }
    }

    private record Keyed<T>(String key, String path, T item) {
    }

    private static boolean byKey(String kind) {
        return NAME.equals(kind) || VERSION_TEXT.equals(kind);
    }

    /** What a runner of this kind orders a migration by: its name, or its version as text. */
    private static String key(String kind, String path, boolean perDirectory) {
        String name = migrationName(path, perDirectory);
        return NAME.equals(kind) ? name : versionText(name);
    }

    /** Two migrations by their keys; a tie (a migration's up and down files) in the natural order of their paths. */
    private static int compare(String kind, String keyA, String pathA, String keyB, String pathB) {
        int c = NAME.equals(kind) ? compareAsText(keyA, keyB) : keyA.compareTo(keyB);
        return c != 0 ? c : INSTANCE.compare(pathA, pathB);
    }

    /** The migration's name: its directory's for a runner with a directory per migration, else its file's. */
    private static String migrationName(String path, boolean perDirectory) {
        int slash = path.lastIndexOf('/');
        if (!perDirectory) {
            return path.substring(slash + 1);
        }
        int up = slash <= 0 ? -1 : path.lastIndexOf('/', slash - 1);
        return slash < 0 ? path : path.substring(up + 1, slash);
    }

    /** Text order as a locale-aware comparison gives it for names: by class, then letters without case, then case. */
    static int compareAsText(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                int c = Integer.compare(rank(x), rank(y));
                if (c == 0) {
                    c = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
                }
                if (c != 0) {
                    return c;
                }
            }
        }
        int c = Integer.compare(a.length(), b.length());
        return c != 0 ? c : a.compareTo(b);
    }

    private static int rank(char c) {
        return Character.isLetter(c) ? 2 : Character.isDigit(c) ? 1 : 0;
    }

    private static String versionText(String name) {
        int underscore = name.indexOf('_');
        return (underscore < 0 ? name : name.substring(0, underscore)).replace("-", "");
    }

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
