package dev.migralint.cli;

import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check --changed analyses the migrations before the change's (not reported) so that the changed files see the schema
 * the history built, as a check of the whole history does; --staged keeps to the staged files.
 */
class ChangedContextTest {
    @TempDir
    Path tmp;

    /** "path rule line" of every finding of a JSON report. */
    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return JsonFindings.of(r, f -> true, JsonFindings::pathRuleLine);
    }

    private GitFixture history() {
        GitFixture repo = GitFixture.init(tmp.resolve("repo"));
        repo.write("migrations/000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));\n");
        repo.write("migrations/000001_users.down.sql", "DROP TABLE users;\n");
        repo.write("migrations/000002_tokens.up.sql", "CREATE TABLE tokens (id bigint PRIMARY KEY);\n");
        repo.write("migrations/000002_tokens.down.sql", "DROP TABLE tokens;\n");
        repo.commitAll("init");
        repo.branch("feature");
        // A defensive drop of a table the history never made, and a varchar widened (no rewrite): both harmless when
        // the history is known; neither knowable from the changed file alone.
        repo.write("migrations/000003_archive.up.sql", """
                DROP TABLE IF EXISTS archives;
                CREATE TABLE archives (user_id bigint NOT NULL);
                ALTER TABLE users ALTER COLUMN name TYPE varchar(40);
                """);
        repo.write("migrations/000003_archive.down.sql", "DROP TABLE archives;\n");
        return repo;
    }

    @Test
    void aChangedMigrationSeesTheSchemaItsHistoryBuilt() throws IOException {
        try (GitFixture repo = history()) {
            repo.commitAll("feature");
            ProcessCli.Run changed = ProcessCli.run(repo.dir, "check", "--changed", "--base", "main", "--format", "json",
                    "--no-cache");
            List<String> found = findings(changed);
            assertTrue(found.stream().noneMatch(f -> f.contains("ban-drop-table") || f.contains("changing-column-type")),
                    changed.all());
            assertTrue(found.stream().allMatch(f -> f.startsWith("migrations/000003_")), "only the change is reported: "
                    + found);
            // The same file checked alone knows nothing of the history: both are reported.
            ProcessCli.Run alone = ProcessCli.run(repo.dir, "check", "--format", "json", "--no-cache",
                    "migrations/000003_archive.up.sql");
            List<String> aloneFound = findings(alone);
            assertTrue(aloneFound.contains("migrations/000003_archive.up.sql ban-drop-table 1"), alone.all());
            // A whole-history check agrees with --changed on the changed file.
            ProcessCli.Run whole = ProcessCli.run(repo.dir, "check", "--format", "json", "--no-cache", "migrations");
            List<String> wholeOnChange = findings(whole).stream().filter(f -> f.startsWith("migrations/000003_")).toList();
            assertEquals(wholeOnChange, found, whole.all());
        }
    }

    @Test
    void theStagedHookKeepsToTheStagedFiles() throws IOException {
        try (GitFixture repo = history()) {
            repo.add("migrations/000003_archive.up.sql", "migrations/000003_archive.down.sql");
            ProcessCli.Run staged = ProcessCli.run(repo.dir, "check", "--staged", "--format", "json", "--no-cache");
            assertTrue(findings(staged).contains("migrations/000003_archive.up.sql ban-drop-table 1"), staged.all());
        }
    }
}
