package dev.migralint.workspace;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a migration's path says about it, across the common layouts: its version, whether it is a down (undo) or a
 * repeatable migration, which directory holds its history, and which file would be its down migration.
 *
 * <p>Layouts: one file per migration ({@code 20240101120000_name.sql}, Flyway {@code V1_2__name.sql} and
 * {@code R__name.sql}, golang-migrate/sqlx {@code 000001_name.up.sql} + {@code .down.sql}) and one directory per
 * migration (Prisma {@code 20240101120000_name/migration.sql}, Diesel {@code 2024-01-01-120000_name/up.sql} +
 * {@code down.sql}). Paths use forward slashes.
 */
public final class MigrationNames {
    private static final Pattern FLYWAY = Pattern.compile("^([VU])(\\d+(?:[._]\\d+)*)__.*\\.sql$", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPEATABLE = Pattern.compile("^R__.*\\.sql$", Pattern.CASE_INSENSITIVE);

    private MigrationNames() {
    }

    public static String fileName(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? rel : rel.substring(slash + 1);
    }

    public static String parent(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    /** True for the fixed file names of the one-directory-per-migration layouts (Prisma, Diesel). */
    static boolean isDirectoryLayout(String rel) {
        String name = fileName(rel).toLowerCase(Locale.ROOT);
        return (name.equals("migration.sql") || name.equals("up.sql") || name.equals("down.sql"))
                && !parent(rel).isEmpty();
    }

    /** The directory whose migrations form one history: the parent, or the grandparent for Prisma and Diesel. */
    public static String historyDir(String rel) {
        String dir = parent(rel);
        return isDirectoryLayout(rel) ? parent(dir) : dir;
    }

    /**
     * True when two paths name the same migration to its runner: the same own name, carrying a version
     * ({@code db/migrations/01_init/migration.sql} moved to {@code prisma/migrations/01_init/migration.sql}). A name
     * without a version takes its place from its folder: moved to a folder of another name ({@code v1.12/endpoints.sql}
     * to {@code v1.13/endpoints.sql}) it is a rename; moved with the folder's name kept ({@code
     * scripts/data-migrations/x.sql} to {@code db/postgresql/data-migrations/x.sql}) the whole directory moved.
     */
    static boolean sameMigration(String oldPath, String newPath) {
        if (!migrationName(oldPath).equals(migrationName(newPath))) {
            return false;
        }
        return version(newPath) != null || fileName(historyDir(oldPath)).equals(fileName(historyDir(newPath)));
    }

    /** The migration's own name: the file name, or the directory name for Prisma and Diesel. */
    static String migrationName(String rel) {
        return isDirectoryLayout(rel) ? fileName(parent(rel)) : fileName(rel);
    }

    /**
     * Room for the paths of a few thousand migrations (those of the directories a large check lists) before a memo
     * grows: each growth moves every entry.
     */
    private static final int MEMO_START = 8192;

    /**
     * Memos of the per-path answers: history facts compare every migration of a directory with every other one, so
     * on a history of hundreds of files the same path is asked about hundreds of times (regexes each time).
     */
    private static final Map<String, Boolean> REPEATABLE_MEMO = new ConcurrentHashMap<>(MEMO_START);
    private static final Map<String, Boolean> DOWN_MEMO = new ConcurrentHashMap<>(MEMO_START);
    private static final Map<String, Optional<String>> VERSION_MEMO = new ConcurrentHashMap<>(MEMO_START);
    private static final int MEMO_LIMIT = 200_000;

    private static <T> T memo(Map<String, T> memo, String rel, Function<String, T> compute) {
        T v = memo.get(rel);
        if (v == null) {
            v = compute.apply(rel);
            if (memo.size() > MEMO_LIMIT) {
                memo.clear();
            }
            memo.put(rel, v);
        }
        return v;
    }

    public static boolean isRepeatable(String rel) {
        return memo(REPEATABLE_MEMO, rel, r -> {
            String name = fileName(r);
            return startsLike(name, 'R') && name.startsWith("__", 1) && REPEATABLE.matcher(name).matches();
        });
    }

    public static boolean isDown(String rel) {
        return memo(DOWN_MEMO, rel, MigrationNames::computeIsDown);
    }

    private static boolean computeIsDown(String rel) {
        String name = fileName(rel);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".down.sql") || lower.equals("down.sql")) {
            return true;
        }
        if (!startsLike(name, 'U')) {
            return false;
        }
        Matcher m = FLYWAY.matcher(name);
        return m.matches() && m.group(1).equalsIgnoreCase("U");
    }

    /** Whether the name starts with this ASCII letter in either case: what the patterns need before they are tried. */
    private static boolean startsLike(String name, char upper) {
        return !name.isEmpty() && Character.toUpperCase(name.charAt(0)) == upper && name.charAt(0) < 0x80;
    }

    /**
     * The version a runner orders by, normalised so that equal versions compare equal: Flyway's {@code V1_2__} is
     * {@code 1.2}, leading zeros are dropped ({@code 000001} is {@code 1}) and Diesel's dashes go
     * ({@code 2024-01-01-120000} is {@code 20240101120000}). Null when the name carries no version (a repeatable
     * migration, {@code schema.sql}).
     */
    public static String version(String rel) {
        return memo(VERSION_MEMO, rel, r -> Optional.ofNullable(computeVersion(r))).orElse(null);
    }

    private static String computeVersion(String rel) {
        if (isRepeatable(rel)) {
            return null;
        }
        String name = migrationName(rel);
        if (!isDirectoryLayout(rel) && (startsLike(name, 'V') || startsLike(name, 'U'))) {
            Matcher flyway = FLYWAY.matcher(name);
            if (flyway.matches()) {
                StringBuilder b = new StringBuilder();
                for (String part : flyway.group(2).split("[._]")) {
                    if (b.length() > 0) {
                        b.append('.');
                    }
                    b.append(stripZeros(part));
                }
                return b.toString();
            }
        }
        if (name.isEmpty() || !isDigit(name.charAt(0))) {
            return null;
        }
        // The leading digits and any "-digits" groups after them (Diesel's dates), dashes dropped.
        StringBuilder digits = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < name.length() && isDigit(name.charAt(i))) {
                digits.append(name.charAt(i++));
            }
            if (i + 1 < name.length() && name.charAt(i) == '-' && isDigit(name.charAt(i + 1))) {
                i++;
                continue;
            }
            return stripZeros(digits.toString());
        }
    }

    /** An ASCII digit: what \\d matches without UNICODE_CHARACTER_CLASS. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /**
     * The down migration that would pair with this up migration, as a path or (for Flyway, where the undo file's
     * description may differ) a pattern {@code dir/U<version>__*.sql}; null when the layout has no pairs.
     */
    public static String expectedDown(String rel) {
        if (isDown(rel) || isRepeatable(rel)) {
            return null;
        }
        String name = fileName(rel);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".up.sql")) {
            String dir = parent(rel);
            String down = name.substring(0, name.length() - ".up.sql".length()) + ".down.sql";
            return dir.isEmpty() ? down : dir + "/" + down;
        }
        if (lower.equals("up.sql") && isDirectoryLayout(rel)) {
            return parent(rel) + "/down.sql";
        }
        Matcher m = FLYWAY.matcher(name);
        if (m.matches()) {
            String dir = parent(rel);
            String pattern = "U" + m.group(2) + "__*.sql";
            return dir.isEmpty() ? pattern : dir + "/" + pattern;
        }
        return null;
    }

    /** Whether {@code candidate} is the down migration of the up migration {@code up}. */
    public static boolean isDownOf(String up, String candidate) {
        String expected = expectedDown(up);
        if (expected == null || !isDown(candidate)) {
            return false;
        }
        if (!expected.endsWith("__*.sql")) {
            return expected.equalsIgnoreCase(candidate);
        }
        String v = version(up);
        return parent(up).equals(parent(candidate)) && FLYWAY.matcher(fileName(candidate)).matches()
                && v != null && v.equals(version(candidate));
    }
}
