package dev.migralint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.stats.SnapshotFile;
import dev.migralint.stats.StatsSnapshot;
import dev.migralint.stats.TableStats;
import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code migralint check --changed / --staged} end to end, as separate processes in real repositories: which files
 * and which findings, the unchanged-line marking, history rules, CI variables, shallow clones, subdirectories.
 */
class GitCheckTest {
    /** The rules these tests assert on exactly; others (added over time) may report more on the same files. */
    private static final Set<String> WATCHED = Set.of("modified-applied-migration", "deleted-applied-migration",
            "renamed-applied-migration", "migration-out-of-order", "duplicate-migration-version", "missing-down-migration",
            "require-concurrent-index", "ban-drop-column", "ban-drop-table");

    @TempDir
    Path tmp;

    /**
     * main: four migrations, two with an unsafe index. feature: 002 edited (a column dropped below the old index),
     * 003 renamed, 004 deleted, 005 added.
     */
    private GitFixture scenario() {
        GitFixture repo = GitFixture.init(tmp.resolve("repo"));
        repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
                .write("db/migrations/002_users_email.sql", "CREATE INDEX orders_email ON orders (email);\n")
                .write("db/migrations/003_tags.sql", "CREATE INDEX tags_name ON tags (name);\n")
                .write("db/migrations/004_legacy.sql", "CREATE TABLE legacy (id bigint PRIMARY KEY);\n")
                .write("docs/report.sql", "DROP TABLE users;\n");
        repo.commitAll("init");
        repo.branch("feature");
        repo.write("db/migrations/002_users_email.sql", "CREATE INDEX orders_email ON orders (email);\n"
                + "ALTER TABLE users DROP COLUMN email;\n");
        repo.mv("db/migrations/003_tags.sql", "db/migrations/003_labels.sql");
        repo.rm("db/migrations/004_legacy.sql");
        repo.write("db/migrations/005_note.sql", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN note text;\n");
        repo.write("docs/report.sql", "DROP TABLE orders;\n");
        repo.commitAll("feature");
        return repo;
    }

    /** "path rule line" for each watched finding, with " (unchanged line)" when marked; and every file path. */
    private static List<String> findings(ProcessCli.Run r) throws IOException {
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        for (JsonNode file : root.get("files")) {
            out.add("file " + file.get("path").asText());
            for (JsonNode f : file.get("findings")) {
                if (WATCHED.contains(f.get("rule").asText())) {
                    out.add(f.get("path").asText() + " " + f.get("rule").asText() + " " + f.get("line").asInt()
                            + (f.path("unchangedLine").asBoolean(false) ? " (unchanged line)" : ""));
                }
            }
        }
        return out;
    }

    @Test
    void changedLintsWhatTheBranchChangedAndChecksItsHistory() throws IOException {
        try (GitFixture repo = scenario()) {
            // By default only what the change added or modified: the old index above the new line, and the
            // renamed file's unchanged text, ran long ago.
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            assertEquals(1, r.exit(), r.all());
            assertEquals(List.of(
                    "file db/migrations/002_users_email.sql",
                    "db/migrations/002_users_email.sql ban-drop-column 2",
                    "db/migrations/002_users_email.sql modified-applied-migration 2",
                    "file db/migrations/003_labels.sql",
                    "db/migrations/003_labels.sql renamed-applied-migration 1",
                    "file db/migrations/005_note.sql",
                    "file db/migrations/004_legacy.sql",
                    "db/migrations/004_legacy.sql deleted-applied-migration 1"), findings(r));
            assertTrue(r.err().contains("4 migration file(s) changed since main ("), r.err());

            ProcessCli.Run all = ProcessCli.run(repo.dir, "check", "--changed", "--all-lines", "--format", "json");
            assertEquals(List.of(
                    "file db/migrations/002_users_email.sql",
                    "db/migrations/002_users_email.sql require-concurrent-index 1 (unchanged line)",
                    "db/migrations/002_users_email.sql ban-drop-column 2",
                    "db/migrations/002_users_email.sql modified-applied-migration 2",
                    "file db/migrations/003_labels.sql",
                    "db/migrations/003_labels.sql require-concurrent-index 1 (unchanged line)",
                    "db/migrations/003_labels.sql renamed-applied-migration 1",
                    "file db/migrations/005_note.sql",
                    "file db/migrations/004_legacy.sql",
                    "db/migrations/004_legacy.sql deleted-applied-migration 1"), findings(all));

            ProcessCli.Run newOnly = ProcessCli.run(repo.dir, "check", "--changed", "--new-only", "--format", "json");
            assertEquals(findings(r), findings(newOnly), "--new-only is what --changed does by default now");

            ProcessCli.Run text = ProcessCli.run(repo.dir, "check", "--changed");
            assertFalse(text.out().contains("error[require-concurrent-index]"), text.out());
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith("db/migrations/002_users_email.sql:2:1: warning[modified-applied-migration]")
                    && l.contains("exists on main (") && !l.endsWith("(unchanged line)")), text.out());
            ProcessCli.Run allText = ProcessCli.run(repo.dir, "check", "--changed", "--all-lines");
            assertTrue(allText.out().lines().anyMatch(l -> l.startsWith("db/migrations/002_users_email.sql:1:1: error[require-concurrent-index]")
                    && l.endsWith("(unchanged line)")), allText.out());
        }
    }

    @Test
    void worksFromASubdirectoryWithTheBaseFromCi() throws IOException {
        try (GitFixture repo = scenario()) {
            repo.checkout("main");
            repo.branch("develop");
            repo.checkout("feature");
            ProcessCli.Run r = ProcessCli.run(repo.dir.resolve("db/migrations"), Map.of("GITHUB_BASE_REF", "develop"),
                    "check", "--changed", "--format", "json");
            assertEquals(1, r.exit(), r.all());
            assertTrue(r.err().contains("since develop ("), r.err());
            assertTrue(findings(r).contains("db/migrations/002_users_email.sql modified-applied-migration 2"), r.out());

            ProcessCli.Run paths = ProcessCli.run(repo.dir.resolve("db"), "check", "--changed", "--format", "json",
                    "migrations/005_note.sql");
            assertEquals(0, paths.exit(), paths.all());
            assertEquals(List.of("file db/migrations/005_note.sql"), findings(paths));
        }
    }

    @Test
    void stagedJudgesTheStagedContent() throws IOException {
        try (GitFixture repo = scenario()) {
            repo.stage("db/migrations/006_idx.sql", "CREATE INDEX users_id ON users (id);\n");
            repo.write("db/migrations/006_idx.sql", "CREATE INDEX CONCURRENTLY users_id ON users (id);\n");
            ProcessCli.Run unsafe = ProcessCli.run(repo.dir, "check", "--staged", "--format", "json");
            assertEquals(1, unsafe.exit(), unsafe.all());
            assertEquals(List.of("file db/migrations/006_idx.sql",
                    "db/migrations/006_idx.sql require-concurrent-index 1"), findings(unsafe));
            assertEquals("", unsafe.err(), "nothing on stderr: no logging set-up chatter from JGit's libraries");

            repo.add("db/migrations/006_idx.sql");
            repo.write("db/migrations/006_idx.sql", "DROP TABLE users;\n");
            ProcessCli.Run safe = ProcessCli.run(repo.dir, "check", "--staged", "--format", "json");
            assertEquals(List.of("file db/migrations/006_idx.sql"), findings(safe),
                    "the staged CONCURRENTLY version, not the DROP TABLE on disk");
            assertEquals(0, safe.exit(), safe.all());

            repo.stage("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
            ProcessCli.Run edited = ProcessCli.run(repo.dir, "check", "--staged", "--new-only", "--format", "json");
            // No runner detected: an edited applied migration drifts (a warning) rather than failing a deploy.
            assertEquals(0, edited.exit(), edited.all());
            assertEquals(List.of("file db/migrations/001_users.sql",
                    "db/migrations/001_users.sql modified-applied-migration 1",
                    "file db/migrations/006_idx.sql"), findings(edited));
        }
    }

    /** A blocked commit's text report ends with the next step, the same when answered from the cache. */
    @Test
    void blockedCommitEndsWithTheNextStep() throws Exception {
        try (GitFixture repo = scenario()) {
            repo.stage("db/migrations/006_idx.sql", "CREATE INDEX users_id ON users (id);\n");
            ProcessCli.Run cold = ProcessCli.run(repo.dir, "check", "--staged", "--color", "never");
            assertEquals(1, cold.exit(), cold.all());
            List<String> lines = cold.out().lines().toList();
            int verdict = lines.indexOf(lines.stream().filter(l -> l.startsWith("NOT SAFE TO DEPLOY")).findFirst()
                    .orElseThrow());
            List<String> next = lines.subList(verdict + 1, lines.size());
            assertEquals(7, next.size(), cold.out());
            assertEquals("migralint blocked this commit. Next step, one of:", next.get(0));
            assertTrue(next.get(1).matches("  migralint fix --staged      apply the safe fixes \\(\\d+ findings? names?"
                    + " one\\), review them, git add, commit again"), next.get(1));
            // The error's severity follows table sizes (docs/stats.md), and this run had none: the snapshot is a step.
            assertEquals(List.of("  -- migralint-ignore require-concurrent-index: <why it is safe>",
                    "                              on the line above a statement you judged safe",
                    "  migralint stats --database-url URL",
                    "                              commit table sizes (.migralint/stats.json): locks on small tables become notices",
                    "  git commit --no-verify      commit without the check, this once"), next.subList(2, 7));
            assertTrue(cold.out().matches("(?s).*Findings by rule:\n  1  error    require-concurrent-index +fixable\n.*"),
                    cold.out());
            ProcessCli.Run warm = ProcessCli.run(repo.dir, "check", "--staged", "--color", "never");
            assertEquals(cold.out().replaceAll(" in \\d+ ms", ""), warm.out().replaceAll(" in \\d+ ms", ""));

            // With a snapshot the sizes are known (users is not in it, so the error stays): no statistics step.
            SnapshotFile.write(repo.dir.resolve(".migralint/stats.json"), new StatsSnapshot(LocalDate.now(ZoneOffset.UTC),
                    "16.4", "app", Map.of("public.tags", new TableStats("public.tags", 120L, 24_576, 24_576, 120L, 3L, 0L))));
            ProcessCli.Run withStats = ProcessCli.run(repo.dir, "check", "--staged", "--color", "never");
            assertEquals(1, withStats.exit(), withStats.all());
            assertTrue(withStats.out().contains("  git commit --no-verify"), withStats.out());
            assertFalse(withStats.out().contains("migralint stats"), withStats.out());

            repo.stage("db/migrations/006_idx.sql", "CREATE INDEX CONCURRENTLY users_id ON users (id);\n");
            ProcessCli.Run safe = ProcessCli.run(repo.dir, "check", "--staged", "--color", "never");
            assertEquals(0, safe.exit(), safe.all());
            assertFalse(safe.out().contains("Next step"), safe.out());
        }
    }

    /**
     * The trees are read only in the history directories of the staged files; the facts there are still whole: an
     * added migration older than the newest one of its own directory is out of order, another directory's newer
     * migrations do not make it so, and a migration at the repository's root reads the whole tree.
     */
    @Test
    void historyIsReadFromTheTouchedDirectories() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("mono"))) {
            repo.write("services/a/migrations/001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n")
                    .write("services/a/migrations/003_a.sql", "ALTER TABLE a ADD COLUMN n text;\n")
                    .write("services/b/migrations/009_b.sql", "CREATE TABLE b (id bigint PRIMARY KEY);\n")
                    .write("services/b/src/App.java", "class App {}\n");
            repo.commitAll("init");
            repo.branch("feature");
            repo.stage("services/a/migrations/002_a.sql", "ALTER TABLE a ADD COLUMN m text;\n");
            repo.stage("services/b/migrations/010_b.sql", "ALTER TABLE b ADD COLUMN m text;\n");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--staged", "--format", "json");
            assertEquals(List.of("file services/a/migrations/002_a.sql",
                    "services/a/migrations/002_a.sql migration-out-of-order 1",
                    "file services/b/migrations/010_b.sql"), findings(r));

            repo.stage("000_root.sql", "SELECT 1;\n");
            ProcessCli.Run root = ProcessCli.run(repo.dir, "check", "--staged", "--format", "json");
            assertTrue(findings(root).contains("services/a/migrations/002_a.sql migration-out-of-order 1"), root.all());
        }
    }

    @Test
    void ignoresSilenceHistoryRulesAndAreNotReportedUnused() throws IOException {
        try (GitFixture repo = scenario()) {
            repo.stage("db/migrations/001_users.sql", "-- migralint-ignore-file modified-applied-migration: comment only;"
                    + " golang-migrate keeps no checksums\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--staged", "--format", "json");
            assertEquals(0, r.exit(), r.all());
            assertFalse(r.out().contains("unused-ignore"), r.out());
            assertTrue(r.out().contains("\"rule\" : \"modified-applied-migration\""), r.out());
            assertTrue(r.out().contains("\"suppressed\" : true"), r.out());

            ProcessCli.Run plain = ProcessCli.run(repo.dir, "check", "--format", "json", "db/migrations/001_users.sql");
            assertFalse(plain.out().contains("unused-ignore"), "an ignore of a history rule is not unused in a plain check");
        }
    }

    @Test
    void plainCheckReportsDuplicateVersionsAndMissingDowns() throws IOException {
        GitFixture.init(tmp.resolve("repo")).close();
        try (GitFixture repo = GitFixture.open(tmp.resolve("repo"))) {
            repo.write("migrations/000001_users.up.sql", "CREATE TABLE IF NOT EXISTS users (id bigint);\n")
                    .write("migrations/000001_users.down.sql", "DROP TABLE IF EXISTS users;\n")
                    .write("migrations/000002_a.up.sql", "SELECT 1;\n")
                    .write("migrations/000002_b.up.sql", "SELECT 2;\n")
                    .write("migrations/000002_b.down.sql", "SELECT 3;\n");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--format", "json");
            assertEquals(1, r.exit(), r.all());
            Set<String> watched = new TreeSet<>(findings(r));
            watched.removeIf(s -> s.startsWith("file ") || s.contains("ban-drop-table"));
            assertEquals(new TreeSet<>(List.of(
                    "migrations/000002_a.up.sql duplicate-migration-version 1",
                    "migrations/000002_a.up.sql missing-down-migration 1",
                    "migrations/000002_b.up.sql duplicate-migration-version 1")), watched);
        }
    }

    @Test
    void gitProblemsAreUsageErrorsThatSayWhatToDo() throws IOException {
        try (GitFixture repo = scenario()) {
            Path clone = tmp.resolve("clone");
            GitFixture.cli(tmp, "clone", "-q", "--depth", "1", "--branch", "feature", "file://" + repo.dir, clone.toString());
            ProcessCli.Run r = ProcessCli.run(clone, "check", "--changed");
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains("shallow clone") && r.err().contains("fetch-depth: 0"), r.err());

            assertEquals(2, ProcessCli.run(repo.dir, "check", "--changed", "--staged").exit());
            assertEquals(2, ProcessCli.run(repo.dir, "check", "--new-only").exit());
            assertEquals(2, ProcessCli.run(repo.dir, "check", "--staged", "--include-uncommitted").exit());
            ProcessCli.Run badBase = ProcessCli.run(repo.dir, "check", "--changed", "--base", "nosuch");
            assertEquals(2, badBase.exit());
            assertTrue(badBase.err().contains("nosuch"), badBase.err());
            ProcessCli.Run noRepo = ProcessCli.run(tmp, "check", "--staged");
            assertEquals(2, noRepo.exit());
            assertTrue(noRepo.err().startsWith("migralint: not inside a git repository"), noRepo.err());
        }
    }

    @Test
    void aDeletedMigrationIsJudgedByTheRunnerItHadWhenItWasThere() throws IOException {
        // PeerDB's nexus/catalog/migrations/V49__flow_migrations.sql, run by refinery (Cargo.toml beside them), was
        // deleted by a revert: the message named Flyway, detected from the V49__ name alone, since a deleted file's
        // directory and text were not looked at. A goose file deleted is likewise goose's, known by its marker.
        GitFixture repo = GitFixture.init(tmp.resolve("deleted"));
        repo.write("nexus/catalog/Cargo.toml", "[dependencies]\nrefinery = { version = \"0.9\" }\n")
                .write("nexus/catalog/migrations/V1__init.sql", "CREATE TABLE flows (id bigint PRIMARY KEY);\n")
                .write("nexus/catalog/migrations/V2__flow_migrations.sql", "CREATE TABLE flow_migrations (id bigint);\n")
                .write("db/migrations/00001_users.sql", "-- +goose Up\nCREATE TABLE users (id bigint);\n")
                .write("db/migrations/00002_legacy.sql", "-- +goose Up\nCREATE TABLE legacy (id bigint);\n"
                        + "-- +goose Down\nDROP TABLE legacy;\n");
        repo.commitAll("init");
        repo.branch("feature");
        repo.rm("nexus/catalog/migrations/V2__flow_migrations.sql");
        repo.rm("db/migrations/00002_legacy.sql");
        repo.commitAll("revert");
        try (repo) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            JsonNode root = new ObjectMapper().readTree(r.out());
            Map<String, String> messages = new java.util.TreeMap<>();
            for (JsonNode file : root.get("files")) {
                for (JsonNode f : file.get("findings")) {
                    if (f.get("rule").asText().equals("deleted-applied-migration")) {
                        messages.put(file.get("path").asText(), f.get("severity").asText() + " " + f.get("message").asText());
                    }
                }
            }
            String refinery = messages.get("nexus/catalog/migrations/V2__flow_migrations.sql");
            assertTrue(refinery != null && refinery.startsWith("error ") && refinery.contains("refinery validates")
                    && !refinery.contains("flyway"), r.all());
            String goose = messages.get("db/migrations/00002_legacy.sql");
            assertTrue(goose != null && goose.startsWith("warning ") && goose.contains("goose does not refuse"), r.all());
        }
    }

    @Test
    void liquibaseChangesetsAreTheMigrationsAFileHolds() throws IOException {
        // epam/edp-ddm-citus: a changeset added to an applied file is a new migration (2051bc05), a runOnChange
        // changeset is run again when edited (112c032e), and only an edit of an applied changeset's SQL stops
        // Liquibase; every such file was reported as an edited applied migration, an error.
        GitFixture repo = GitFixture.init(tmp.resolve("liquibase"));
        String roles = "--liquibase formatted sql\n--changeset platform:users\nCREATE TABLE users (id bigint, email text);\n";
        String function = "--liquibase formatted sql\n--changeset platform:f_like splitStatements:false runOnChange:true\n"
                + "CREATE OR REPLACE FUNCTION f_like(text) RETURNS text LANGUAGE sql AS $$ SELECT $1 $$;\n";
        String grants = "--liquibase formatted sql\n--changeset platform:grant\nGRANT SELECT ON users TO reader;\n";
        repo.write("platform-db/changesets/00010_users.sql", roles)
                .write("platform-db/changesets/procedures/f_like.sql", function)
                .write("platform-db/changesets/00020_grants.sql", grants)
                .write("platform-db/changesets/00030_workers.sql", "--liquibase formatted sql\n"
                        + "--changeset platform:workers\nSELECT master_add_node('worker', 5432);\n");
        repo.commitAll("init");
        repo.branch("feature");
        repo.write("platform-db/changesets/00010_users.sql", roles
                + "\n--changeset platform:users-email\nCREATE INDEX orders_email ON orders (email);\n");
        repo.write("platform-db/changesets/procedures/f_like.sql", function.replace("SELECT $1", "SELECT lower($1)"));
        repo.write("platform-db/changesets/00020_grants.sql", grants.replace("reader", "analyst"));
        // 112c032e deleted 00020_register-workers.sql: Liquibase leaves its changesets applied, it refuses nothing.
        repo.rm("platform-db/changesets/00030_workers.sql");
        repo.commitAll("feature");
        try (repo) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            JsonNode root = new ObjectMapper().readTree(r.out());
            List<String> found = new ArrayList<>();
            for (JsonNode file : root.get("files")) {
                for (JsonNode f : file.get("findings")) {
                    String rule = f.get("rule").asText();
                    if (rule.equals("modified-applied-migration") || rule.equals("require-concurrent-index")
                            || rule.equals("deleted-applied-migration")) {
                        found.add(file.get("path").asText() + " " + rule + " " + f.get("line").asInt() + " "
                                + f.get("severity").asText());
                    }
                }
            }
            found.sort(null);
            assertEquals(List.of(
                    "platform-db/changesets/00010_users.sql require-concurrent-index 6 error",
                    "platform-db/changesets/00020_grants.sql modified-applied-migration 3 error",
                    "platform-db/changesets/00030_workers.sql deleted-applied-migration 1 warning"), found, r.all());
        }
    }

    @Test
    void aMigrationsDirectoryRetiredForACopyElsewhereIsNoDeletion() throws IOException {
        // mCaptcha 04b0073d: migrations/ removed after its files were copied to db/db-sqlx-postgres/migrations/,
        // the directory sqlx reads from then on; sqlx finds every applied version there. Deleting one file of a
        // directory that keeps others is a deletion, even when another directory holds the same file.
        GitFixture repo = GitFixture.init(tmp.resolve("retired"));
        String users = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
        String levels = "CREATE TABLE levels (id bigint PRIMARY KEY);\n";
        repo.write("Cargo.toml", "[dependencies]\nsqlx = \"0.7\"\n")
                .write("migrations/20210310122154_users.sql", users)
                .write("migrations/20210310122902_levels.sql", levels)
                .write("db/db-sqlx-postgres/migrations/20210310122154_users.sql", users)
                .write("db/db-sqlx-postgres/migrations/20210310122902_levels.sql", levels)
                .write("db/db-sqlx-maria/migrations/20210310122154_users.sql", users)
                .write("db/db-sqlx-maria/migrations/20210310122902_levels.sql", levels);
        repo.commitAll("init");
        repo.branch("feature");
        repo.rm("migrations/20210310122154_users.sql");
        repo.rm("migrations/20210310122902_levels.sql");
        repo.rm("db/db-sqlx-maria/migrations/20210310122902_levels.sql");
        repo.commitAll("retire migrations/");
        try (repo) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            JsonNode root = new ObjectMapper().readTree(r.out());
            List<String> deleted = new ArrayList<>();
            for (JsonNode file : root.get("files")) {
                for (JsonNode f : file.get("findings")) {
                    if (f.get("rule").asText().equals("deleted-applied-migration")) {
                        deleted.add(file.get("path").asText());
                    }
                }
            }
            assertEquals(List.of("db/db-sqlx-maria/migrations/20210310122902_levels.sql"), deleted, r.all());
        }
    }
}
