package dev.migralint.workspace;

import dev.migralint.sql.op.Operation.MigrationHistory;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which files --changed and --staged select from real repositories, and the history facts they carry. */
class GitSelectorTest {
    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n";
    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n";
    private static final String ITEMS = "CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint,\n  sku text);\n";
    private static final String TAGS = "CREATE TABLE tags (id bigint PRIMARY KEY);\n";

    @TempDir
    Path tmp;

    private static GitSelector.Selection select(Path cwd, Path root, GitSelector.Mode mode, boolean uncommitted,
                                                String base, Map<String, String> env, List<String> paths) throws GitException {
        FileCollector collector = new FileCollector(root, List.of(), List.of());
        Predicate<String> scope = paths.isEmpty() ? null : collector.scope(paths, cwd);
        return GitSelector.select(cwd, collector, scope, new GitSelector.Options(mode, uncommitted, base, env), 1 << 20);
    }

    private static GitSelector.Selection changed(Path dir) throws GitException {
        return select(dir, dir, GitSelector.Mode.CHANGED, false, null, Map.of(), List.of());
    }

    private static GitSelector.Selection staged(Path dir) throws GitException {
        return select(dir, dir, GitSelector.Mode.STAGED, false, null, Map.of(), List.of());
    }

    /** path → change, for every touched file. */
    private static Map<String, String> changes(GitSelector.Selection s) {
        Map<String, String> out = new TreeMap<>();
        s.touched().forEach((p, t) -> out.put(p, t.history().change()));
        return out;
    }

    private static List<String> linted(GitSelector.Selection s) {
        List<String> out = new java.util.ArrayList<>();
        s.files().forEach(c -> out.add(c.displayPath()));
        s.preloaded().forEach(l -> out.add(l.displayPath()));
        s.refused().forEach(l -> out.add(l.displayPath()));
        return out;
    }

    /** main with four migrations and a non-migration; then a feature branch. */
    private GitFixture history(Path dir) {
        GitFixture repo = GitFixture.init(dir);
        repo.write("db/migrations/001_users.sql", USERS)
                .write("db/migrations/002_orders.sql", ORDERS)
                .write("db/migrations/003_items.sql", ITEMS)
                .write("db/migrations/004_tags.sql", TAGS)
                .write("docs/report.sql", "SELECT count(*) FROM users;\n");
        repo.commitAll("init");
        repo.branch("feature");
        return repo;
    }

    @Test
    void changedSelectsAddedModifiedRenamedAndDeletedMigrations() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            repo.write("db/migrations/002_orders.sql", ORDERS + "CREATE INDEX orders_user ON orders (user_id);\n");
            repo.mv("db/migrations/003_items.sql", "db/migrations/003_line_items.sql");
            repo.rm("db/migrations/004_tags.sql");
            repo.write("db/migrations/005_audit.sql", "CREATE TABLE audit (id bigint);\n");
            repo.write("docs/report.sql", "SELECT 1;\n");
            repo.commitAll("feature work");

            GitSelector.Selection s = changed(repo.dir);
            assertEquals(Map.of("db/migrations/002_orders.sql", "modified",
                    "db/migrations/003_line_items.sql", "renamed",
                    "db/migrations/004_tags.sql", "deleted",
                    "db/migrations/005_audit.sql", "added"), changes(s));
            assertEquals(List.of("db/migrations/002_orders.sql", "db/migrations/003_line_items.sql",
                    "db/migrations/005_audit.sql"), linted(s));
            assertTrue(s.files().isEmpty(), "committed content is read from git");
            assertTrue(s.base().startsWith("main ("), s.base());

            MigrationHistory modified = s.touched().get("db/migrations/002_orders.sql").history();
            assertTrue(modified.existedOnBase());
            assertEquals(ORDERS, s.touched().get("db/migrations/002_orders.sql").baseText());
            MigrationHistory renamed = s.touched().get("db/migrations/003_line_items.sql").history();
            assertEquals("db/migrations/003_items.sql", renamed.previousPath());
            assertTrue(renamed.existedOnBase());
            assertTrue(renamed.versionKept());
            assertFalse(renamed.versionRaised(), "the version stays");
            assertTrue(s.touched().get("db/migrations/004_tags.sql").deleted());
            MigrationHistory added = s.touched().get("db/migrations/005_audit.sql").history();
            assertFalse(added.existedOnBase());
            assertFalse(added.outOfOrder());
            assertFalse(added.duplicateVersion());
            assertEquals("5", added.version());
        }
    }

    @Test
    void baseMigrationsMergedSinceTheBranchLeftCountForOrderAndDuplicates() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            repo.write("db/migrations/005_audit.sql", "CREATE TABLE audit (id bigint);\n").commitAll("audit");
            repo.checkout("main");
            repo.write("db/migrations/005_payments.sql", "CREATE TABLE payments (id bigint);\n")
                    .write("db/migrations/006_refunds.sql", "CREATE TABLE refunds (id bigint);\n").commitAll("payments");
            repo.checkout("feature");

            GitSelector.Selection s = changed(repo.dir);
            assertEquals(Map.of("db/migrations/005_audit.sql", "added"), changes(s), "main's new files are not the change");
            MigrationHistory h = s.touched().get("db/migrations/005_audit.sql").history();
            assertTrue(h.outOfOrder());
            assertEquals("db/migrations/006_refunds.sql", h.newestOnBase());
            assertTrue(h.duplicateVersion());
            assertEquals(List.of("db/migrations/005_payments.sql"), h.duplicates());
            assertTrue(s.base().contains("merge base"), s.base());
        }
    }

    @Test
    void missingDownIsJudgedAgainstTheDirectory() throws Exception {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("migrations/000001_users.up.sql", USERS).write("migrations/000001_users.down.sql", "DROP TABLE users;\n")
                    .write("supabase/migrations/20240101000000_a.up.sql", USERS);
            repo.commitAll("init");
            repo.branch("feature");
            repo.write("migrations/000002_orders.up.sql", ORDERS)
                    .write("migrations/000003_items.up.sql", ITEMS).write("migrations/000003_items.down.sql", "DROP TABLE items;\n")
                    .write("supabase/migrations/20240102000000_b.up.sql", ORDERS);
            repo.commitAll("more");
            GitSelector.Selection s = changed(repo.dir);
            assertEquals("migrations/000002_orders.down.sql",
                    s.touched().get("migrations/000002_orders.up.sql").history().expectedDown());
            assertTrue(s.touched().get("migrations/000002_orders.up.sql").history().missingDown());
            assertFalse(s.touched().get("migrations/000003_items.up.sql").history().missingDown());
            assertFalse(s.touched().get("migrations/000003_items.down.sql").history().missingDown());
            assertFalse(s.touched().get("supabase/migrations/20240102000000_b.up.sql").history().missingDown(),
                    "a directory without any down file does not pair migrations");
        }
    }

    @Test
    void stagedLintsTheIndexNotTheWorkingTree() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            repo.stage("db/migrations/005_audit.sql", "CREATE INDEX audit_idx ON audit (id);\n");
            repo.write("db/migrations/005_audit.sql", "CREATE INDEX CONCURRENTLY audit_idx ON audit (id);\n");
            repo.write("db/migrations/006_untracked.sql", "DROP TABLE users;\n");
            repo.write("db/migrations/001_users.sql", USERS + "-- edited, not staged\n");
            repo.stage("db/migrations/002_orders.sql", ORDERS + "ALTER TABLE orders ADD COLUMN note text;\n");
            repo.rm("db/migrations/004_tags.sql");

            GitSelector.Selection s = staged(repo.dir);
            assertEquals(Map.of("db/migrations/002_orders.sql", "modified", "db/migrations/004_tags.sql", "deleted",
                    "db/migrations/005_audit.sql", "added"), changes(s));
            assertEquals(List.of("db/migrations/002_orders.sql", "db/migrations/005_audit.sql"), linted(s));
            LoadedSource audit = s.preloaded().get(1);
            assertEquals("CREATE INDEX audit_idx ON audit (id);\n", audit.source().text(), "the staged blob, not the disk");
            assertEquals(repo.dir.resolve("db/migrations/005_audit.sql"), audit.source().path(), "reported at its working-tree path");
        }
    }

    @Test
    void stagedOnAFeatureBranchMeasuresHistoryAgainstTheBaseBranch() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            repo.write("db/migrations/005_audit.sql", "CREATE TABLE audit (id bigint);\n").commitAll("audit");
            repo.stage("db/migrations/005_audit.sql", "CREATE TABLE audit (id bigint, at timestamptz);\n");
            GitSelector.Selection s = staged(repo.dir);
            MigrationHistory h = s.touched().get("db/migrations/005_audit.sql").history();
            assertEquals("added", h.change(), "not on main yet: editing it again is fine");
            assertNull(s.touched().get("db/migrations/005_audit.sql").baseText());

            repo.stage("db/migrations/001_users.sql", USERS + "-- typo fixed\n");
            s = staged(repo.dir);
            assertEquals("modified", s.touched().get("db/migrations/001_users.sql").history().change());
        }
    }

    @Test
    void stagedWithoutABaseBranchComparesWithHead() throws Exception {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("db/migrations/001_users.sql", USERS).commitAll("init");
            repo.git.branchRename().setOldName("main").setNewName("trunk").call();
            repo.stage("db/migrations/001_users.sql", USERS + "-- edited\n");
            GitSelector.Selection s = staged(repo.dir);
            assertEquals("modified", s.touched().get("db/migrations/001_users.sql").history().change());
            assertTrue(s.base().startsWith("HEAD ("), s.base());
            assertNull(s.note(), "no main or master: HEAD is the base, nothing to warn about on every commit");
        }
    }

    @Test
    void firstCommitStagesEverythingAsAdded() throws Exception {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.stage("db/migrations/001_users.sql", USERS);
            GitSelector.Selection s = staged(repo.dir);
            assertEquals(Map.of("db/migrations/001_users.sql", "added"), changes(s));
            assertThrows(GitException.class, () -> changed(repo.dir), "--changed needs a commit");
        }
    }

    @Test
    void includeUncommittedAddsTheWorkingTree() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            repo.write("db/migrations/005_audit.sql", "CREATE TABLE audit (id bigint);\n").commitAll("audit");
            repo.write("db/migrations/006_untracked.sql", "DROP TABLE users;\n");
            repo.write("db/migrations/002_orders.sql", ORDERS + "-- edited, not committed\n");
            repo.write(".gitignore", "scratch/\n").write("scratch/migrations/1_x.sql", "SELECT 1;\n");

            assertEquals(Map.of("db/migrations/005_audit.sql", "added"), changes(changed(repo.dir)));
            GitSelector.Selection s = select(repo.dir, repo.dir, GitSelector.Mode.CHANGED, true, null, Map.of(), List.of());
            assertEquals(Map.of("db/migrations/002_orders.sql", "modified", "db/migrations/005_audit.sql", "added",
                    "db/migrations/006_untracked.sql", "added"), changes(s));
            assertEquals(List.of("db/migrations/002_orders.sql", "db/migrations/005_audit.sql",
                    "db/migrations/006_untracked.sql"), linted(s));
            assertTrue(s.preloaded().isEmpty(), "read from disk");
        }
    }

    @Test
    void pathsNarrowTheSelection() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            repo.write("db/migrations/002_orders.sql", ORDERS + "-- x\n")
                    .write("db/migrations/005_audit.sql", "CREATE TABLE audit (id bigint);\n")
                    .write("docs/report.sql", "SELECT 2;\n").commitAll("work");
            Path cwd = repo.dir.resolve("db");
            GitSelector.Selection s = select(cwd, repo.dir, GitSelector.Mode.CHANGED, false, null, Map.of(),
                    List.of("migrations/005_audit.sql"));
            assertEquals(Map.of("db/migrations/005_audit.sql", "added"), changes(s));
            s = select(repo.dir, repo.dir, GitSelector.Mode.CHANGED, false, null, Map.of(), List.of("docs"));
            assertEquals(Map.of("docs/report.sql", "modified"), changes(s), "an explicit directory lints any .sql in it");
        }
    }

    @Test
    void worksFromSubdirectoriesAndLinkedWorktrees() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            repo.write("db/migrations/005_audit.sql", "CREATE TABLE audit (id bigint);\n").commitAll("audit");
            repo.checkout("main");
            Path sub = repo.dir.resolve("db/migrations");
            GitSelector.Selection fromMain = select(sub, repo.dir, GitSelector.Mode.CHANGED, false, null, Map.of(), List.of());
            assertEquals(Map.of(), changes(fromMain), "main has no changes against itself");

            Path wt = tmp.resolve("wt");
            GitFixture.cli(repo.dir, "worktree", "add", wt.toString(), "feature");
            GitSelector.Selection s = select(wt.resolve("db"), wt, GitSelector.Mode.CHANGED, false, null, Map.of(), List.of());
            assertEquals(Map.of("db/migrations/005_audit.sql", "added"), changes(s));
            assertEquals(wt.resolve("db/migrations/005_audit.sql"), s.preloaded().get(0).source().path());

            GitFixture.cli(wt, "rm", "-q", "--cached", "db/migrations/001_users.sql");
            GitSelector.Selection st = select(wt, wt, GitSelector.Mode.STAGED, false, null, Map.of(), List.of());
            assertEquals(Map.of("db/migrations/001_users.sql", "deleted"), changes(st), "the worktree's own index");

            try (GitRepository g = GitRepository.open(wt)) {
                assertEquals(repo.dir.resolve(".git").toRealPath(), g.commonDir().toRealPath());
                assertEquals(g.commonDir().resolve("hooks"), g.hooksDir(), "hooks live in the common directory");
                assertEquals(wt.toRealPath(), g.workTree().toRealPath());
            }
        }
    }

    @Test
    void baseComesFromTheFlagTheCiVariablesOrTheDefaults() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            RevCommit initial = repo.git.getRepository().parseCommit(repo.git.getRepository().resolve("main"));
            repo.write("db/migrations/005_audit.sql", "SELECT 1;\n").commitAll("audit");
            try (GitRepository g = GitRepository.open(repo.dir)) {
                assertEquals("main", g.base(null, Map.of()).ref());
                // A remote-tracking origin/main wins over the local main.
                RefUpdate u = repo.git.getRepository().updateRef("refs/remotes/origin/main");
                u.setNewObjectId(initial);
                u.update();
                assertEquals("origin/main", g.base(null, Map.of()).ref());
                assertEquals("main", g.base("main", Map.of()).ref(), "an explicit base is taken as given");
                assertEquals("origin/main", g.base("origin/main", Map.of()).ref());

                repo.branch("develop");
                repo.checkout("feature");
                Map<String, String> env = new HashMap<>();
                env.put("GITHUB_BASE_REF", "develop");
                assertEquals("develop", g.base(null, env).ref());
                env.put("GITHUB_BASE_REF", "");
                env.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "develop");
                assertEquals("develop", g.base(null, env).ref());
                env.put("GITHUB_BASE_REF", "release");
                GitException missing = assertThrows(GitException.class, () -> g.base(null, env));
                assertTrue(missing.getMessage().contains("GITHUB_BASE_REF=release"), missing.getMessage());
                assertTrue(missing.getMessage().contains("fetch-depth: 0"), missing.getMessage());
                GitException explicit = assertThrows(GitException.class, () -> g.base("nope", Map.of()));
                assertTrue(explicit.getMessage().contains("nope"), explicit.getMessage());
            }
        }
    }

    @Test
    void shallowClonesSayHowToFetchTheBase() throws Exception {
        Path origin = tmp.resolve("origin");
        try (GitFixture repo = history(origin)) {
            repo.write("db/migrations/005_audit.sql", "CREATE TABLE audit (id bigint);\n").commitAll("audit");
            repo.write("db/migrations/006_more.sql", "CREATE TABLE more (id bigint);\n").commitAll("more");
            repo.checkout("main");
            repo.write("db/migrations/005_main.sql", "CREATE TABLE m (id bigint);\n").commitAll("main moves on");
        }
        Path clone = tmp.resolve("clone");
        GitFixture.cli(tmp, "clone", "-q", "--depth", "1", "--branch", "feature", "file://" + origin, clone.toString());

        GitException noBase = assertThrows(GitException.class, () -> changed(clone));
        assertTrue(noBase.getMessage().contains("shallow"), noBase.getMessage());
        assertTrue(noBase.getMessage().contains("fetch-depth: 0"), noBase.getMessage());

        GitFixture.cli(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");
        GitException noMergeBase = assertThrows(GitException.class, () -> changed(clone));
        assertTrue(noMergeBase.getMessage().contains("no common ancestor in this shallow clone"), noMergeBase.getMessage());
        assertTrue(noMergeBase.getMessage().contains("fetch-depth: 0"), noMergeBase.getMessage());
        assertTrue(noMergeBase.getMessage().contains("git fetch --unshallow"), noMergeBase.getMessage());

        // A staged run (the pre-commit hook) falls back to HEAD rather than block the commit, and says why.
        try (GitFixture c = GitFixture.open(clone)) {
            c.stage("db/migrations/007_x.sql", "SELECT 1;\n");
            GitSelector.Selection st = staged(clone);
            assertEquals(Map.of("db/migrations/007_x.sql", "added"), changes(st));
            assertTrue(st.base().startsWith("HEAD ("), st.base());
            assertTrue(st.note().contains("fetch-depth: 0"), st.note());
            c.git.reset().addPath("db/migrations/007_x.sql").call();
        }

        GitFixture.cli(clone, "fetch", "-q", "--unshallow", "origin");
        GitSelector.Selection s = changed(clone);
        assertEquals(Map.of("db/migrations/005_audit.sql", "added", "db/migrations/006_more.sql", "added"), changes(s));
        assertTrue(s.touched().get("db/migrations/005_audit.sql").history().duplicateVersion());
    }

    @Test
    void aLintRootBelowTheWorkTreeSeesOnlyItsOwnFilesUnderItsOwnPaths() throws Exception {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("backend/.migralint.yml", "dialect: postgresql\n")
                    .write("backend/db/migrations/001_users.sql", USERS)
                    .write("frontend/db/migrations/001_cache.sql", "CREATE TABLE cache (k text);\n").commitAll("init");
            repo.branch("feature");
            repo.write("backend/db/migrations/002_orders.sql", ORDERS)
                    .write("frontend/db/migrations/002_more.sql", "CREATE TABLE more (k text);\n").commitAll("work");
            Path root = repo.dir.resolve("backend");
            GitSelector.Selection s = select(root.resolve("db"), root, GitSelector.Mode.CHANGED, false, null, Map.of(), List.of());
            assertEquals(Map.of("db/migrations/002_orders.sql", "added"), changes(s));
            assertEquals(root.resolve("db/migrations/002_orders.sql"), s.preloaded().get(0).source().path());
        }
    }

    @Test
    void notARepository() throws IOException {
        GitException e = assertThrows(GitException.class, () -> changed(tmp));
        assertTrue(e.getMessage().contains("not inside a git repository"), e.getMessage());
    }

    @Test
    void historyDirectoriesOfADiff() {
        DiffEntry added = diffEntry(DiffEntry.ChangeType.ADD, DiffEntry.DEV_NULL, "db/migrations/002_x.sql");
        DiffEntry prisma = diffEntry(DiffEntry.ChangeType.RENAME, "prisma/migrations/1_a/migration.sql",
                "api/prisma/migrations/1_a/migration.sql");
        DiffEntry notSql = diffEntry(DiffEntry.ChangeType.MODIFY, "README.md", "README.md");
        assertEquals(Set.of("db/migrations", "prisma/migrations", "api/prisma/migrations"),
                GitSelector.historyDirs(List.of(added, prisma, notSql)));
        assertEquals(Set.of(), GitSelector.historyDirs(List.of(notSql)), "nothing to read");
        assertNull(GitSelector.historyDirs(List.of(added, diffEntry(DiffEntry.ChangeType.ADD, DiffEntry.DEV_NULL, "init.sql"))),
                "a migration at the root: the whole tree");
    }

    private static DiffEntry diffEntry(DiffEntry.ChangeType type, String from, String to) {
        return new DiffEntry() {
            {
                changeType = type;
                oldPath = from;
                newPath = to;
            }
        };
    }

    @Test
    void aStagedFileOverTheSizeLimitIsReportedNotRead() throws Exception {
        try (GitFixture repo = history(tmp.resolve("repo"))) {
            repo.stage("db/migrations/005_big.sql", "-- " + "x".repeat(300) + "\nSELECT 1;\n");
            repo.stage("db/migrations/006_small.sql", "SELECT 1;\n");
            FileCollector collector = new FileCollector(repo.dir, List.of(), List.of());
            GitSelector.Selection s = GitSelector.select(repo.dir, collector, null,
                    new GitSelector.Options(GitSelector.Mode.STAGED, false, null, Map.of()), 100);
            Map<String, LoadedSource> byPath = new TreeMap<>();
            s.preloaded().forEach(l -> byPath.put(l.displayPath(), l));
            LoadedSource big = byPath.get("db/migrations/005_big.sql");
            assertEquals("too-large", big.problem());
            assertTrue(big.detail().startsWith("file is 314 bytes, over the 100 bytes limit"), big.detail());
            assertTrue(byPath.get("db/migrations/006_small.sql").ok());
        }
    }
}
