package dev.migralint.workspace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationNamesTest {

    /**
     * The answers are those of the regular expressions the names were read with before the quick pre-checks (the
     * reference here), on random names built from the characters that matter.
     */
    @Test
    void sameAnswersAsTheRegularExpressions() {
        java.util.regex.Pattern flyway = java.util.regex.Pattern.compile("^([VU])(\\d+(?:[._]\\d+)*)__.*\\.sql$",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        java.util.regex.Pattern repeatable = java.util.regex.Pattern.compile("^R__.*\\.sql$",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        java.util.regex.Pattern leading = java.util.regex.Pattern.compile("^(\\d+(?:-\\d+)*)");
        String[] heads = {"V", "v", "U", "u", "R", "r", "", "0", "1", "x", "\u0663"};
        String[] pieces = {"1", "0", "2", "_", "__", ".", "-", "x", "\u0663", "\n"};
        String[] tails = {".sql", ".SQL", ".up.sql", ".down.sql", "", ".sql\n", ".txt"};
        java.util.Random random = new java.util.Random(7);
        int versions = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder(heads[random.nextInt(heads.length)]);
            for (int k = random.nextInt(6); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String name = b.append(tails[random.nextInt(tails.length)]).toString();
            String rel = "db" + n + "/" + name; // a distinct path each time: the answers are memoised per path
            String file = MigrationNames.fileName(rel);
            boolean isRepeatable = repeatable.matcher(file).matches();
            assertEquals(isRepeatable, MigrationNames.isRepeatable(rel), rel);
            java.util.regex.Matcher f = flyway.matcher(file);
            boolean down = file.toLowerCase(java.util.Locale.ROOT).endsWith(".down.sql")
                    || file.equalsIgnoreCase("down.sql") || (f.matches() && f.group(1).equalsIgnoreCase("U"));
            assertEquals(down, MigrationNames.isDown(rel), rel);
            String version = null;
            if (!isRepeatable) {
                java.util.regex.Matcher v = flyway.matcher(file);
                java.util.regex.Matcher d = leading.matcher(file);
                if (v.matches()) {
                    StringBuilder parts = new StringBuilder();
                    for (String part : v.group(2).split("[._]")) {
                        parts.append(parts.length() > 0 ? "." : "").append(part.replaceFirst("^0+(?=.)", ""));
                    }
                    version = parts.toString();
                } else if (d.find()) {
                    version = d.group(1).replace("-", "").replaceFirst("^0+(?=.)", "");
                }
            }
            assertEquals(version, MigrationNames.version(rel), rel);
            versions += version != null ? 1 : 0;
        }
        assertTrue(versions > 2_000, "the names should often carry a version: " + versions);
    }

    @Test
    void versionsAcrossLayouts() {
        assertEquals("20240105120000", MigrationNames.version("prisma/migrations/20240105120000_init/migration.sql"));
        assertEquals("1.2", MigrationNames.version("src/main/resources/db/migration/V1_2__add_users.sql"));
        assertEquals("1.2", MigrationNames.version("db/migration/V1.2__add_users.sql"));
        assertEquals("10", MigrationNames.version("db/migration/V010__x.sql"));
        assertNull(MigrationNames.version("db/migration/R__views.sql"));
        assertEquals("1", MigrationNames.version("migrations/000001_init.up.sql"));
        assertEquals("1", MigrationNames.version("migrations/000001_init.down.sql"));
        assertEquals("20240101120000", MigrationNames.version("migrations/2024-01-01-120000_create_users/up.sql"));
        assertEquals("20240101120000", MigrationNames.version("supabase/migrations/20240101120000_x.sql"));
        assertEquals("0", MigrationNames.version("drizzle/0000_init.sql"));
        assertNull(MigrationNames.version("db/schema.sql"));
    }

    @Test
    void historyDirectories() {
        assertEquals("prisma/migrations", MigrationNames.historyDir("prisma/migrations/20240105120000_init/migration.sql"));
        assertEquals("migrations", MigrationNames.historyDir("migrations/2024-01-01-120000_users/down.sql"));
        assertEquals("db/migrations", MigrationNames.historyDir("db/migrations/001_x.sql"));
        assertEquals("", MigrationNames.historyDir("001_x.sql"));
    }

    @Test
    void aMoveKeepsTheMigrationWhenItsNameCarriesAVersionOrItsFolderKeepsItsName() {
        assertTrue(MigrationNames.sameMigration("db/migrations/01_init/migration.sql", "prisma/migrations/01_init/migration.sql"));
        assertTrue(MigrationNames.sameMigration("storage/migrations/001_init.up.sql", "assets/migrations/001_init.up.sql"));
        assertTrue(MigrationNames.sameMigration("scripts/data-migrations/fix.sql", "db/postgresql/data-migrations/fix.sql"));
        assertTrue(MigrationNames.sameMigration("core/src/db/postgres/setup.sql", "crates/core/src/db/postgres/setup.sql"));
        assertFalse(MigrationNames.sameMigration("schema/v1.12/endpoints.sql", "schema/v1.13/endpoints.sql"));
        assertFalse(MigrationNames.sameMigration("migrations/20220617_init.up.sql", "migrations/001_init.up.sql"));
        assertFalse(MigrationNames.sameMigration("scripts/fix.sql", "scripts/fix2.sql"));
    }

    @Test
    void downMigrationsAndPairs() {
        assertTrue(MigrationNames.isDown("migrations/1_a.down.sql"));
        assertTrue(MigrationNames.isDown("migrations/2024-01-01-000000_a/down.sql"));
        assertTrue(MigrationNames.isDown("db/migration/U3__undo.sql"));
        assertFalse(MigrationNames.isDown("db/migration/V3__do.sql"));
        assertTrue(MigrationNames.isRepeatable("db/migration/R__views.sql"));

        assertEquals("m/1_a.down.sql", MigrationNames.expectedDown("m/1_a.up.sql"));
        assertEquals("m/x/down.sql", MigrationNames.expectedDown("m/x/up.sql"));
        assertNull(MigrationNames.expectedDown("m/1_a.sql"));
        assertNull(MigrationNames.expectedDown("m/1_a.down.sql"));
        assertTrue(MigrationNames.isDownOf("m/1_a.up.sql", "m/1_a.down.sql"));
        assertFalse(MigrationNames.isDownOf("m/1_a.up.sql", "m/2_a.down.sql"));
        assertTrue(MigrationNames.isDownOf("db/migration/V3__add.sql", "db/migration/U3__remove_again.sql"));
        assertFalse(MigrationNames.isDownOf("db/migration/V3__add.sql", "db/migration/U4__add.sql"));
    }

    @Test
    void changedLinesMapUnchangedLinesBack() {
        ChangedLines c = ChangedLines.between("a\nb\nc\nd\n", "a\nB\nc\nnew\nd\n");
        assertEquals(2, c.first());
        assertEquals(2, c.count());
        assertTrue(c.touches(2, 2));
        assertFalse(c.touches(3, 3));
        assertEquals(3, c.oldLine(3));
        assertEquals(4, c.oldLine(5));
        assertEquals(0, c.oldLine(4));
        ChangedLines deletion = ChangedLines.between("a\nb\nc\n", "a\nc\n");
        assertEquals(0, deletion.count());
        // A removal counts: modified-applied-migration said "0 line(s) added or changed" for edp-ddm-citus's
        // changesets removed from 00090_registry-schema.sql.
        assertEquals(1, deletion.removed());
        assertEquals(0, c.removed());
        assertEquals(1, ChangedLines.between("a\nb\nc\n", "a\nB\n").removed());
        assertEquals(2, deletion.first());
        assertTrue(deletion.touches(1, 2), "a statement spanning the removed line counts as changed");
        assertFalse(deletion.touches(2, 2));
        assertTrue(ChangedLines.between("x\n", "x\n").none());
    }
}
