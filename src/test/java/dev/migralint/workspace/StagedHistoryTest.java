package dev.migralint.workspace;

import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HEAD's history files worked out from the index and the staged diff are the ones HEAD's trees list. */
class StagedHistoryTest {
    @TempDir
    Path tmp;

    private static void write(Path dir, String rel, String text) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static final Set<DiffEntry.ChangeType> kinds = java.util.EnumSet.noneOf(DiffEntry.ChangeType.class);

    private static final GitSelector.Options STAGED = new GitSelector.Options(GitSelector.Mode.STAGED, false, null, Map.of());

    /** Both listings, for the history directories of the staged diff, the whole tree and one directory. */
    private static void assertSameAsTrees(Path dir) throws Exception {
        try (GitRepository repo = GitRepository.open(dir)) {
            RevTree head = repo.head().getTree();
            DirCache index = repo.readIndex();
            List<DiffEntry> diff = GitSelector.diff(repo, head, index, STAGED);
            assertTrue(diff.size() > 0);
            kinds.clear();
            diff.forEach(d -> kinds.add(d.getChangeType()));
            Set<String> dirs = GitSelector.historyDirs(diff);
            for (Set<String> d : java.util.Arrays.asList(dirs, null, Set.of("db/flat"), Set.of("db/migrations"))) {
                List<Map.Entry<String, ObjectId>> fromTrees = new ArrayList<>(repo.sqlFiles(head, d).entrySet());
                List<Map.Entry<String, ObjectId>> fromIndex = new ArrayList<>(GitSelector.headFilesFromIndex(index, diff, d).entrySet());
                assertEquals(fromTrees, fromIndex, "directories " + d);
            }
        }
    }

    /** Prisma-style and flat histories, names that sort differently by bytes and by characters, a link, a root file. */
    private static void history(Path dir) throws Exception {
        for (int i = 1; i <= 8; i++) {
            write(dir, String.format("db/migrations/2024%04d_m%d/migration.sql", i, i), "CREATE TABLE t" + i + " (id int);\n");
        }
        write(dir, "db/migrations/20240003_m3/down.sql", "DROP TABLE t3;\n");
        write(dir, "db/migrations/node_modules/x/y.sql", "SELECT 1;\n");
        write(dir, "db/flat/001_a.sql", "CREATE TABLE a (id int);\n");
        write(dir, "db/flat/002_b.sql", "CREATE TABLE b (id int);\n");
        write(dir, "db/flat/003_café.sql", "CREATE TABLE c (id int);\n");
        write(dir, "db/flat/003_cafe\u0301.sql", "CREATE TABLE c2 (id int);\n");
        write(dir, "db/flat/003_caf\uD83D\uDE00.sql", "CREATE TABLE c3 (id int);\n");
        write(dir, "db/flat/003_caf\uFB01.sql", "CREATE TABLE c4 (id int);\n");
        write(dir, "db/flat/a-b.sql", "SELECT 1;\n");
        write(dir, "db/flat/a.sql", "SELECT 1;\n");
        write(dir, "db/flat/a/b.sql", "SELECT 1;\n");
        write(dir, "db/flat/004_typechange.sql", "CREATE TABLE d (id int);\n");
        write(dir, "db/flat/005_mode.sql", "CREATE TABLE e (id int);\n");
        write(dir, "db/flat/README.md", "notes\n");
        write(dir, "db/flat/007_upper.SQL", "CREATE TABLE u (id int);\n");
        write(dir, "db/flat/008_mixed.sQl", "CREATE TABLE v (id int);\n");
        write(dir, "db/flat/009_not.sqlite", "binary\n");
        Files.createSymbolicLink(dir.resolve("db/flat/006_link.sql"), Path.of("001_a.sql"));
        write(dir, "init.sql", "CREATE SCHEMA app;\n");
    }

    /** {@link #history} committed on main with the git CLI, as a hook finds it. */
    private Path committedHistory() throws Exception {
        Path dir = tmp.resolve("repo");
        Files.createDirectories(dir);
        GitFixture.cli(dir, "init", "-q", "-b", "main");
        history(dir);
        GitFixture.cli(dir, "add", "-A");
        GitFixture.cli(dir, "commit", "-q", "-m", "history");
        return dir;
    }

    @Test
    void everyKindOfStagedChange() throws Exception {
        Path dir = committedHistory();

        write(dir, "db/migrations/20249999_new/migration.sql", "CREATE INDEX i ON t1 (id);\n"); // added
        write(dir, "db/flat/001_a.sql", "CREATE TABLE a (id bigint);\n"); // modified
        Files.delete(dir.resolve("db/flat/002_b.sql")); // deleted
        GitFixture.cli(dir, "mv", "db/migrations/20240004_m4", "db/migrations/20240004_renamed"); // renamed
        Files.delete(dir.resolve("db/flat/004_typechange.sql")); // a file becomes a link
        Files.createSymbolicLink(dir.resolve("db/flat/004_typechange.sql"), Path.of("001_a.sql"));
        Files.setPosixFilePermissions(dir.resolve("db/flat/005_mode.sql"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(dir, "db/flat/003_café.sql", "CREATE TABLE c (id bigint);\n");
        write(dir, "init.sql", "CREATE SCHEMA app2;\n"); // a root file: the whole tree is history
        String moved = Files.readString(dir.resolve("db/flat/003_caf\uD83D\uDE00.sql"));
        Files.delete(dir.resolve("db/flat/003_caf\uD83D\uDE00.sql")); // one deleted file, two added copies of it:
        write(dir, "db/flat/010_copy.sql", moved); // a rename and a copy
        write(dir, "db/flat/011_copy.sql", moved);
        GitFixture.cli(dir, "add", "-A");
        write(dir, "db/flat/009_intent.sql", "SELECT 1;\n");
        GitFixture.cli(dir, "add", "-N", "db/flat/009_intent.sql"); // intent to add
        assertSameAsTrees(dir);
        assertEquals(java.util.EnumSet.allOf(DiffEntry.ChangeType.class), kinds, "every kind of change was staged");
    }

    @Test
    void oneMigrationAddedByNameAsAHookSeesIt() throws Exception {
        Path dir = committedHistory();
        write(dir, "db/migrations/20249999_new/migration.sql", "CREATE INDEX i ON t1 (id);\n");
        GitFixture.cli(dir, "add", "db/migrations/20249999_new/migration.sql");
        assertSameAsTrees(dir);
    }

    @Test
    void otherCommitsFromHeadsFilesAndTheTreesDifferences() throws Exception {
        Path dir = committedHistory();
        String mergeBase = GitFixture.cli(dir, "rev-parse", "HEAD").trim();
        GitFixture.cli(dir, "checkout", "-q", "-b", "feature");
        // The branch's own commits: a migration added, one changed, one deleted, one renamed, a file become a link.
        write(dir, "db/migrations/20240100_branch/migration.sql", "CREATE TABLE br (id int);\n");
        write(dir, "db/flat/002_b.sql", "CREATE TABLE b (id bigint);\n");
        Files.delete(dir.resolve("db/flat/001_a.sql"));
        GitFixture.cli(dir, "mv", "db/migrations/20240005_m5", "db/migrations/20240005_moved");
        Files.delete(dir.resolve("db/flat/004_typechange.sql"));
        Files.createSymbolicLink(dir.resolve("db/flat/004_typechange.sql"), Path.of("002_b.sql"));
        GitFixture.cli(dir, "add", "-A");
        GitFixture.cli(dir, "commit", "-q", "-m", "branch");
        // Main moves on.
        GitFixture.cli(dir, "checkout", "-q", "main");
        write(dir, "db/migrations/20240200_main/migration.sql", "CREATE TABLE mn (id int);\n");
        Files.delete(dir.resolve("db/flat/a.sql"));
        GitFixture.cli(dir, "add", "-A");
        GitFixture.cli(dir, "commit", "-q", "-m", "main");
        String tip = GitFixture.cli(dir, "rev-parse", "HEAD").trim();
        GitFixture.cli(dir, "checkout", "-q", "feature");
        // The staged change.
        write(dir, "db/migrations/20249999_new/migration.sql", "CREATE INDEX i ON t1 (id);\n");
        write(dir, "db/flat/003_café.sql", "CREATE TABLE c (id bigint);\n");
        GitFixture.cli(dir, "add", "-A");

        try (GitRepository repo = GitRepository.open(dir)) {
            RevTree head = repo.head().getTree();
            DirCache index = repo.readIndex();
            List<DiffEntry> diff = GitSelector.diff(repo, head, index, STAGED);
            Set<String> dirs = GitSelector.historyDirs(diff);
            try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo.repository())) {
                for (String commit : List.of(mergeBase, tip)) {
                    RevTree at = walk.parseCommit(ObjectId.fromString(commit)).getTree();
                    for (Set<String> d : java.util.Arrays.asList(dirs, null, Set.of("db/flat"), Set.<String>of())) {
                        Map<String, ObjectId> headFiles = GitSelector.headFilesFromIndex(index, diff, d);
                        assertEquals(new ArrayList<>(repo.sqlFiles(at, d).entrySet()),
                                new ArrayList<>(repo.sqlFiles(at, head, headFiles, d).entrySet()), commit + " " + d);
                    }
                }
            }
        }
    }

    @Test
    void sqlFilesInAnyCaseAndNothingElse() throws Exception {
        Path dir = tmp.resolve("repo");
        Files.createDirectories(dir);
        GitFixture.cli(dir, "init", "-q", "-b", "main");
        List<String> all = List.of("a.sql", "b.SQL", "c.Sql", "d.sQl", "e.sqlx", "f.ql", "sql", "g.html", "h.s", "l",
                "dir.sql/inner.txt", "node_modules/i.sql", "deep/node_modules/j.sql", "\u00fc.sql", "k\u0130.SQL",
                "x/.sql", "x/m.SQl");
        for (String f : all) {
            write(dir, f, "SELECT 1;\n");
        }
        GitFixture.cli(dir, "add", "-A");
        GitFixture.cli(dir, "commit", "-q", "-m", "files");
        try (GitRepository repo = GitRepository.open(dir)) {
            List<String> expected = new ArrayList<>();
            for (String f : all) {
                if (GitRepository.SqlFilter.accepts(f)) {
                    expected.add(f);
                }
            }
            assertEquals(List.of("a.sql", "b.SQL", "c.Sql", "d.sQl", "\u00fc.sql", "k\u0130.SQL", "x/.sql", "x/m.SQl"), expected);
            assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(repo.sqlFiles(repo.head().getTree(), null).keySet()));
        }
    }

    @Test
    void anIndexWithUnmergedPathsListsNothing() throws Exception {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("db/flat/001_a.sql", "CREATE TABLE a (id int);\n").commitAll("one");
            repo.branch("other");
            repo.write("db/flat/001_a.sql", "CREATE TABLE a (x int);\n").commitAll("other");
            repo.checkout("main");
            repo.write("db/flat/001_a.sql", "CREATE TABLE a (y int);\n").commitAll("main");
            MergeResult merge = repo.git.merge().include(repo.git.getRepository().resolve("other")).call();
            assertEquals(MergeResult.MergeStatus.CONFLICTING, merge.getMergeStatus());
            try (GitRepository git = GitRepository.open(repo.dir)) {
                assertNull(GitSelector.headFilesFromIndex(git.readIndex(), List.of(), null));
            }
        }
    }
}
