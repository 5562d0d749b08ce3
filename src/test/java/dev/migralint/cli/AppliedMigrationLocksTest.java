package dev.migralint.cli;

import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Under --changed, a migration that exists on the base ran on every database the base was deployed to and never runs
 * there again: lock, rewrite and rename rules leave its edited statements to modified-applied-migration, which
 * reports the edit (river cc5f0e0c edits every applied migration; umami a3b5f05a re-spells an applied migration's
 * renames as MySQL 5.7's CHANGE). Data-loss rules stay. Under --staged, and when nothing reports the edit, they stay.
 */
class AppliedMigrationLocksTest {
    private static final Set<String> WATCHED = Set.of("require-concurrent-index", "set-not-null-on-existing-column",
            "modified-applied-migration", "renaming-column", "ban-drop-column");

    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, legacy text);\n";
    private static final String APPLIED = "CREATE INDEX users_email ON users (email);\n"
            + "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
            + "ALTER TABLE users RENAME COLUMN name TO full_name;\n"
            + "ALTER TABLE users DROP COLUMN legacy;\n";
    /** The same statements, cosmetically edited (upper case, a schema prefix): every line changes. */
    private static final String EDITED = "CREATE INDEX users_email ON public.users (email);\n"
            + "ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;\n"
            + "ALTER TABLE public.users RENAME COLUMN name TO full_name;\n"
            + "ALTER TABLE public.users DROP COLUMN legacy;\n";

    @TempDir
    Path tmp;

    /** "file rule line" for each watched finding that is not silenced. */
    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return JsonFindings.of(r, f -> WATCHED.contains(f.get("rule").asText()) && !JsonFindings.suppressed(f),
                JsonFindings::fileRuleLine);
    }

    private static GitFixture base(Path dir) {
        GitFixture repo = GitFixture.init(dir);
        repo.write("db/migrations/001_users.sql", USERS);
        repo.write("db/migrations/002_users_email.sql", APPLIED);
        repo.commitAll("init");
        return repo;
    }

    @Test
    void changedLeavesAnEditedAppliedMigrationToModifiedAppliedMigration() throws IOException {
        try (GitFixture repo = base(tmp.resolve("repo"))) {
            repo.branch("feature");
            repo.write("db/migrations/002_users_email.sql", EDITED);
            repo.write("db/migrations/003_users_name.sql", "CREATE INDEX users_name ON users (full_name);\n");
            repo.commitAll("feature");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            // ban-drop-column is about data loss too: it stays.
            assertEquals(List.of("002_users_email.sql ban-drop-column 4", "002_users_email.sql modified-applied-migration 1",
                    "003_users_name.sql require-concurrent-index 1"), findings(r), r.all());
        }
    }

    @Test
    void stagedKeepsLockFindingsOfACommittedMigration() throws IOException {
        // A committed migration may not be deployed yet: --staged keeps today's findings.
        try (GitFixture repo = base(tmp.resolve("repo"))) {
            repo.stage("db/migrations/002_users_email.sql", EDITED);
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--staged", "--format", "json");
            assertEquals(List.of("002_users_email.sql require-concurrent-index 1",
                    "002_users_email.sql set-not-null-on-existing-column 2", "002_users_email.sql renaming-column 3",
                    "002_users_email.sql ban-drop-column 4", "002_users_email.sql modified-applied-migration 1"),
                    findings(r), r.all());
        }
    }

    @Test
    void anEditNothingReportsKeepsItsLockFindings() throws IOException {
        // modified-applied-migration silenced for the file: then nothing reports the edit, and the lock rules do.
        try (GitFixture repo = base(tmp.resolve("repo"))) {
            repo.branch("feature");
            repo.write("db/migrations/002_users_email.sql",
                    "-- migralint-ignore-file modified-applied-migration: schema prefix only; no checksums\n" + EDITED);
            repo.commitAll("feature");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            assertEquals(List.of("002_users_email.sql require-concurrent-index 2",
                    "002_users_email.sql set-not-null-on-existing-column 3", "002_users_email.sql renaming-column 4",
                    "002_users_email.sql ban-drop-column 5"), findings(r), r.all());
        }
    }
}
