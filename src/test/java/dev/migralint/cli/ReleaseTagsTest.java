package dev.migralint.cli;

import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code releases: {tags: ...}}: under --changed, migrations merged since the newest release tag the base contains are
 * part of the change for newness (tensorzero created a table and renamed it in two pull requests of one release).
 */
class ReleaseTagsTest {
    private static final Set<String> WATCHED = Set.of("renaming-column", "require-concurrent-index");

    @TempDir
    Path tmp;

    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return JsonFindings.of(r, f -> WATCHED.contains(f.get("rule").asText()) && !JsonFindings.suppressed(f),
                JsonFindings::fileRuleLine);
    }

    /** users released in v1.0, teams merged after it, then a branch that renames a column of each and indexes them. */
    private static GitFixture project(Path dir, String config) {
        GitFixture repo = GitFixture.init(dir);
        repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        repo.commitAll("users");
        GitFixture.cli(dir, "tag", "-a", "v1.0", "-m", "release 1.0");
        GitFixture.cli(dir, "tag", "nightly-1"); // a tag of another kind, newer than v1.0, that the glob leaves out
        repo.write("db/migrations/002_teams.sql", "CREATE TABLE teams (id bigint PRIMARY KEY, name text);\n");
        if (config != null) {
            repo.write(".migralint.yml", config);
        }
        repo.commitAll("teams");
        GitFixture.cli(dir, "tag", "nightly-2");
        repo.branch("feature");
        repo.write("db/migrations/003_titles.sql", "ALTER TABLE teams RENAME COLUMN name TO title;\n"
                + "CREATE INDEX teams_title ON teams (title);\n"
                + "ALTER TABLE users RENAME COLUMN name TO full_name;\n"
                + "CREATE INDEX users_full_name ON users (full_name);\n");
        repo.commitAll("feature");
        return repo;
    }

    @Test
    void migrationsMergedSinceTheLastReleaseAreNew() throws IOException {
        try (GitFixture repo = project(tmp.resolve("repo"), "releases:\n  tags: 'v*'\n")) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            // teams never shipped: renaming and indexing it hurts nobody; users shipped in v1.0.
            assertEquals(List.of("003_titles.sql renaming-column 3", "003_titles.sql require-concurrent-index 4"),
                    findings(r), r.all());
            assertTrue(r.err().contains("since release v1.0 (1 migration(s) merged since it count as new)"), r.err());
        }
    }

    @Test
    void anEditedMigrationNoReleaseHoldsWasAppliedOnlyByUnreleasedCode() throws IOException {
        try (GitFixture repo = project(tmp.resolve("repo"), "releases:\n  tags: 'v*'\n")) {
            repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text, x int);\n");
            repo.write("db/migrations/002_teams.sql", "CREATE TABLE teams (id bigint PRIMARY KEY, name text, x int);\n");
            repo.commitAll("edit both");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            List<String> edits = JsonFindings.of(r, f -> f.get("rule").asText().equals("modified-applied-migration"),
                    f -> JsonFindings.fileName(f) + " " + f.get("message").asText().contains("No release holds it (v1.0"));
            assertEquals(List.of("001_users.sql false", "002_teams.sql true"), edits, r.all());
        }
    }

    @Test
    void withoutReleasesOnlyTheBranchIsNew() throws IOException {
        try (GitFixture repo = project(tmp.resolve("repo"), null)) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            assertEquals(List.of("003_titles.sql renaming-column 1", "003_titles.sql require-concurrent-index 2",
                    "003_titles.sql renaming-column 3", "003_titles.sql require-concurrent-index 4"), findings(r), r.all());
        }
    }

    @Test
    void aGlobNoTagMatchesChangesNothing() throws IOException {
        try (GitFixture repo = project(tmp.resolve("repo"), "releases:\n  tags: 'release-*'\n")) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            assertEquals(4, findings(r).size(), r.all());
        }
    }

    @Test
    void aNewerTagOfAnotherKindIsNoRelease() throws IOException {
        // nightly-2 holds 002_teams: were it taken as the release, teams would count as shipped... and it is not.
        try (GitFixture repo = project(tmp.resolve("repo"), "releases:\n  tags: 'nightly-*'\n")) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            assertEquals(4, findings(r).size(), r.all());
        }
    }

    @Test
    void aMalformedGlobIsAUsageError() throws IOException {
        try (GitFixture repo = project(tmp.resolve("repo"), "releases:\n  tags: 'v[1-'\n")) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed");
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains("releases.tags"), r.all());
        }
    }

    @Test
    void releasesMustNameTheTags() throws IOException {
        try (GitFixture repo = project(tmp.resolve("repo"), "releases: v*\n")) {
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed");
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains(".migralint.yml:1") && r.err().contains("releases"), r.all());
        }
    }
}
