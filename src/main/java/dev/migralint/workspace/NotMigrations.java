package dev.migralint.workspace;

import java.util.Locale;
import java.util.Set;

/**
 * SQL files that live beside migrations but are not migrations: nobody applies them to a database that already
 * exists, so they are never linted as migrations nor counted in a migration history (unless a user names the file
 * itself on the command line).
 *
 * <ul>
 *   <li><b>Schema snapshots</b>, written by a tool after migrating or kept by hand as the latest full schema:
 *       {@code schema.sql} (dbmate's {@code db/schema.sql}, sqlc and Atlas inputs, many projects' dumps),
 *       {@code structure.sql} (Rails' {@code db/structure.sql}), {@code LATEST.sql} (a latest-schema file kept beside
 *       the migrations) and {@code *.schema.sql}.</li>
 *   <li><b>Generator schemas</b>: files in a {@code schema/} or {@code schemas/} directory whose name carries no
 *       migration version (sqlc's {@code sql/schema/}, Supabase's declarative {@code supabase/schemas/}); a versioned
 *       file there ({@code schema/0001_city.sql}) is a migration directory that happens to be named so.
 *       SQL files directly beside Prisma's {@code schema.prisma} (in {@code prisma/}, outside
 *       {@code prisma/migrations/}) are not Prisma migrations either.</li>
 *   <li><b>Test data</b>: anything under {@code testdata/}, {@code fixtures/}, {@code __fixtures__/}, {@code test/}
 *       or {@code tests/} (Go's test-data convention, test fixtures, a test suite's SQL).</li>
 * </ul>
 */
public final class NotMigrations {
    private static final Set<String> SNAPSHOT_NAMES = Set.of("schema.sql", "structure.sql", "latest.sql");
    private static final Set<String> TEST_DIRS = Set.of("testdata", "fixtures", "__fixtures__", "test", "tests");
    private static final Set<String> SCHEMA_DIRS = Set.of("schema", "schemas");
    /** The lengths of the test directories' names, as bits: a part of another length is none of them. */
    private static final long TEST_DIR_LENGTHS = lengths(TEST_DIRS);

    private NotMigrations() {
    }

    /** True when this path (relative, forward slashes) is a schema snapshot, a generator schema or test data. */
    public static boolean matches(String rel) {
        return reason(rel) != null;
    }

    /** Why the path is not a migration, in a few words, or null when it may be one. */
    public static String reason(String rel) {
        // Asked for every file of every history directory listed: the parts are looked at in place, not split.
        // Trailing slashes end no part ("a/tests/" names tests, in a), as String.split drops them.
        int end = rel.length();
        while (end > 0 && rel.charAt(end - 1) == '/') {
            end--;
        }
        int start = 0;
        int slash;
        int parentStart = -1;
        while ((slash = rel.indexOf('/', start)) >= 0 && slash < end) {
            if (mayBeTestDir(rel, start, slash)) {
                String part = rel.substring(start, slash);
                if (TEST_DIRS.contains(part.toLowerCase(Locale.ROOT))) {
                    return "test data (" + part + "/)";
                }
            }
            parentStart = start;
            start = slash + 1;
        }
        String name = rel.substring(start, end).toLowerCase(Locale.ROOT);
        if (SNAPSHOT_NAMES.contains(name) || name.endsWith(".schema.sql")) {
            return "a schema snapshot";
        }
        if (parentStart >= 0) {
            String part = rel.substring(parentStart, start - 1);
            String parent = part.toLowerCase(Locale.ROOT);
            if (SCHEMA_DIRS.contains(parent) && MigrationNames.version(rel) == null) {
                return "a schema for a code generator (" + part + "/)";
            }
            if (parent.equals("prisma")) {
                return "not a Prisma migration (those are prisma/migrations/<name>/migration.sql)";
            }
        }
        return null;
    }

    /** Whether rel[from, to) could lower-case to a test directory's name (by its length; any non-ASCII part could). */
    private static boolean mayBeTestDir(String rel, int from, int to) {
        int n = to - from;
        if (n < 64 && (TEST_DIR_LENGTHS & (1L << n)) != 0) {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (rel.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    private static long lengths(Set<String> names) {
        long bits = 0;
        for (String name : names) {
            bits |= 1L << name.length(); // every name here is shorter than 64
        }
        return bits;
    }
}
