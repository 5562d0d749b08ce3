package dev.migralint.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plan --split} without a server: bad input, never overwriting, nothing to split, runners' layouts. */
class SplitPlannerTest {
    private static PlanCommandTest.Out split(Path target, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("plan", "--split", target.toString()));
        args.addAll(List.of(more));
        return PlanCommandTest.run(args.toArray(String[]::new));
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static Set<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    private static List<Path> added(Path dir, Set<Path> before) throws Exception {
        return files(dir).stream().filter(p -> !before.contains(p)).sorted().toList();
    }

    @Test
    void badInputIsNamedWithFileAndLineAndTheRestIsSplit(@TempDir Path dir) throws Exception {
        write(dir.resolve("001_create.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text);\n");
        Files.write(dir.resolve("002_binary.sql"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0});
        write(dir.resolve("003_mixed.sql"), "CREATE INDEX t_id2 ON t (id);\nFROBNICATE the whole database;\n"
                + "ALTER TABLE t RENAME COLUMN a TO b;\n");
        Set<Path> before = files(dir);
        PlanCommandTest.Out r = split(dir);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("002_binary.sql:1: could not split: binary"), r.err());
        assertTrue(r.err().contains("003_mixed.sql:2: could not parse: FROBNICATE the whole database"), r.err());
        assertTrue(r.err().contains("split (rename t.a to b)"), r.err());
        List<Path> written = added(dir, before);
        assertEquals(3, written.size(), written.toString());
        String first = Files.readString(written.get(0));
        assertTrue(written.get(0).getFileName().toString().startsWith("003_mixed_1_expand"), written.toString());
        // The statements that are not one of the five kinds stay, as written and in order, in the first migration.
        assertTrue(first.indexOf("CREATE INDEX t_id2 ON t (id);") < first.indexOf("FROBNICATE the whole database;"), first);
        assertTrue(first.indexOf("FROBNICATE the whole database;") < first.indexOf("ADD COLUMN \"b\" text"), first);
        assertTrue(first.startsWith("-- migralint plan --split of"), first);
    }

    @Test
    void neverOverwritesAFileAndWritesNothingOfThatSequence(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("migrations");
        write(m.resolve("000001_create.up.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text);\n");
        write(m.resolve("000002_rename.up.sql"), "ALTER TABLE t RENAME COLUMN a TO b;\n");
        Path out = dir.resolve("out");
        Path mine = out.resolve("000002_rename_1_expand.up.sql");
        write(mine, "-- mine\n");
        PlanCommandTest.Out r = split(m, "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("exists: not overwritten"), r.err());
        assertEquals("-- mine\n", Files.readString(mine));
        assertEquals(Set.of(mine), files(out), "nothing else of the sequence is written");

        // Beside the original, a later migration holding a version the sequence needs stops it too.
        write(m.resolve("000003_other.up.sql"), "CREATE TABLE u (id int);\n");
        Set<Path> before = files(m);
        r = split(m);
        assertTrue(r.err().contains("000003_other.up.sql already holds one of the versions"), r.err());
        assertEquals(before, files(m));
    }

    @Test
    void aSecondRunOverwritesNothing(@TempDir Path dir) throws Exception {
        write(dir.resolve("000001_create.up.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text);\n");
        write(dir.resolve("000002_fk.up.sql"), "ALTER TABLE t ADD CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES u (a);\n");
        Path out = dir.resolve("split");
        assertTrue(split(dir.resolve("000002_fk.up.sql"), "--output", out.toString()).err().contains("split ("));
        Path validate = out.resolve("000003_fk_2_validate.up.sql");
        String first = Files.readString(validate);
        assertTrue(first.contains("ALTER TABLE \"t\" VALIDATE CONSTRAINT \"t_a_fk\";"), first);
        Files.writeString(validate, first + "-- edited\n");
        PlanCommandTest.Out again = split(dir.resolve("000002_fk.up.sql"), "--output", out.toString());
        assertTrue(again.err().contains("not overwritten"), again.err());
        assertEquals(first + "-- edited\n", Files.readString(validate));
    }

    @Test
    void nothingToSplitSaysSoAndWritesNothing(@TempDir Path dir) throws Exception {
        write(dir.resolve("001_create.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text);\n"
                + "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);\n");
        write(dir.resolve("002_add.sql"), "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE t ADD COLUMN d int NOT NULL DEFAULT 0;\n");
        Set<Path> before = files(dir);
        PlanCommandTest.Out r = split(dir);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("nothing to split in 2 migrations"), r.err());
        assertEquals(before, files(dir));
    }

    @Test
    void popTakesTheBackfillOutOfItsTransactionByName(@TempDir Path dir) throws Exception {
        write(dir.resolve("go.mod"), "module x\n\nrequire github.com/gobuffalo/pop/v6 v6.1.1\n");
        Path m = dir.resolve("migrations");
        write(m.resolve("20240101000000_create.up.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text);\n");
        write(m.resolve("20240102000000_rename.up.sql"), "ALTER TABLE t RENAME COLUMN a TO b;\n");
        Set<Path> before = files(dir);
        PlanCommandTest.Out r = split(m);
        List<Path> written = added(dir, before);
        assertEquals("20240102000001_rename_2_backfill.autocommit.up.sql", written.get(1).getFileName().toString(),
                written + r.err());
        assertTrue(Files.readString(written.get(1)).contains("COMMIT;"));
        assertFalse(written.get(0).getFileName().toString().contains("autocommit"), written.toString());
    }

    @Test
    void aRunnerThatAlwaysWrapsGetsNoConcurrentlyAndABackfillWithoutCommit(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("supabase/migrations");
        write(m.resolve("20240101000000_create.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text, n int DEFAULT 1);\n");
        write(m.resolve("20240102000000_change.sql"), "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);\n"
                + "ALTER TABLE t ALTER COLUMN n SET NOT NULL;\n");
        Set<Path> before = files(dir);
        PlanCommandTest.Out r = split(m);
        List<Path> written = added(dir, before);
        assertTrue(r.err().contains("split ("), r.err());
        String all = written.stream().map(p -> {
            try {
                return Files.readString(p);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.joining("\n"));
        assertFalse(all.lines().anyMatch(l -> !l.startsWith("--") && l.contains("CONCURRENTLY")),
                "no CONCURRENTLY where the runner wraps every file: " + all);
        assertTrue(all.contains("CREATE UNIQUE INDEX IF NOT EXISTS \"t_a_key\""), all);
        assertTrue(all.contains("runs every migration in a transaction"), all);
        assertFalse(all.contains("    COMMIT;"), all);
        assertTrue(all.contains("UPDATE \"t\" SET \"n\" = DEFAULT"), all);
    }

    @Test
    void aKeyedColumnIsNotRenamedByDroppingItsKey(@TempDir Path dir) throws Exception {
        write(dir.resolve("001_create.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text, b int);\n"
                + "CREATE INDEX t_b ON t (b);\n");
        write(dir.resolve("002_rename.sql"), "ALTER TABLE t RENAME COLUMN id TO t_id;\n"
                + "ALTER TABLE t ALTER COLUMN b TYPE bigint;\n");
        Set<Path> before = files(dir);
        PlanCommandTest.Out r = split(dir);
        assertTrue(r.err().contains("002_rename.sql:1: not split: the rename of t.id (an index or constraint"), r.err());
        assertTrue(r.err().contains("002_rename.sql:2: not split: the type change of t.b (an index"), r.err());
        assertEquals(before, files(dir));
    }

    @Test
    void dieselGetsMetadataTomlAndARequiredColumnWithoutDefaultSaysWhatToBackfill(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("migrations");
        write(m.resolve("2024-01-01-000000_create/up.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text, n int);\n");
        write(m.resolve("2024-01-02-000000_change/up.sql"), "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);\n"
                + "ALTER TABLE t ALTER COLUMN n SET NOT NULL;\n");
        Set<Path> before = files(dir);
        PlanCommandTest.Out r = split(m);
        List<Path> written = added(dir, before);
        assertTrue(r.err().contains("split ("), r.err());
        Path index = m.resolve("2024-01-02-000000_change_1_unique-index/up.sql");
        assertTrue(Files.readString(index).contains("CREATE UNIQUE INDEX CONCURRENTLY \"t_a_key\" ON \"t\" (a);"),
                written.toString());
        assertEquals("run_in_transaction = false\n", Files.readString(index.resolveSibling("metadata.toml")));
        String check = Files.readString(m.resolve("2024-01-02-000001_change_2_expand/up.sql"));
        assertTrue(check.contains("CHECK (\"n\" IS NOT NULL) NOT VALID"), check);
        assertTrue(check.replace("\n-- ", " ").contains("SET \"n\" = <value> WHERE \"n\" IS NULL"), check);
        String validate = Files.readString(m.resolve("2024-01-02-000003_change_4_validate/up.sql"));
        assertTrue(validate.replace("\n-- ", " ").contains("Before this migration: set n on the existing NULL rows"),
                validate);
        assertFalse(written.stream().anyMatch(p -> p.toString().contains("backfill")), written.toString());
    }
}
