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
 * A file among a runner's migrations whose name the runner does not apply (runs-names): reported once, where other
 * files of its directory show the runner; its rename to a proper name is no rename of an applied migration.
 */
class RunnerSkipsFileTest {
    private static final Set<String> WATCHED = Set.of("runner-skips-file", "renamed-applied-migration",
            "modified-applied-migration");

    @TempDir
    Path tmp;

    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return JsonFindings.of(r, f -> WATCHED.contains(f.get("rule").asText()) && !JsonFindings.suppressed(f),
                f -> JsonFindings.fileName(f) + " " + f.get("rule").asText() + " " + f.get("severity").asText());
    }

    @Test
    void aPlainCheckReportsTheSkippedNamesOfAKnownRunner() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
        repo.write("service/src/main/resources/db/migration/V1__items.sql", "CREATE TABLE items (id int);\n");
        repo.write("service/src/main/resources/db/migration/V2_index.sql", "CREATE INDEX items_id ON items (id);\n");
        repo.write("service/src/main/resources/db/migration/afterMigrate.sql", "ANALYZE items;\n");
        repo.write("app/supabase/migrations/20240101000000_init.sql", "CREATE TABLE profiles (id int);\n");
        repo.write("app/supabase/migrations/2024-06-17_nickname.sql", "ALTER TABLE profiles ADD COLUMN nickname text;\n");
        // A db/migration folder of hand-applied scripts: no file of it is Flyway's, so Flyway was a guess from the name.
        repo.write("tools/db/migration/001_init.sql", "CREATE TABLE tools (id int);\n");
        repo.write("tools/db/migration/002_more.sql", "ALTER TABLE tools ADD COLUMN name text;\n");
        ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--no-cache", "--format", "json", ".");
        assertEquals(List.of("2024-06-17_nickname.sql runner-skips-file warning", "V2_index.sql runner-skips-file warning"),
                findings(r).stream().sorted().toList(), r.all());
        }
    }

    @Test
    void renamingASkippedFileToTheRunnersPatternIsTheFix() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("db/migration/V1__items.sql", "CREATE TABLE items (id int);\n");
            repo.write("db/migration/V2_index.sql", "CREATE INDEX items_id ON items (id);\n");
            repo.commitAll("main");
            repo.branch("feature");
            GitFixture.cli(repo.dir, "mv", "db/migration/V2_index.sql", "db/migration/V2__index.sql");
            repo.write("db/migration/V3_more.sql", "ALTER TABLE items ADD COLUMN name text;\n");
            repo.commitAll("feature");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            // The rename is no renamed-applied-migration (no database ran V2_index.sql); the new V3_more.sql is reported.
            assertEquals(List.of("V3_more.sql runner-skips-file warning"), findings(r), r.all());
        }
    }
}
