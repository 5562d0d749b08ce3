package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.engine.FileSelection;
import dev.migralint.engine.LintRun;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check --changed} in a repository with 2,000 migrations and one changed file lints that one file. Prints the
 * wall times (in-process and as a process) next to a full check, for the record; asserts no tight time.
 */
class ChangedPerfTest {
    @TempDir
    Path tmp;

    @Test
    void lintsOnlyTheChangedFileOf2000() throws Exception {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            for (int i = 1; i <= 2000; i++) {
                repo.write(String.format("db/migrations/%04d_table_%d.sql", i, i),
                        "CREATE TABLE IF NOT EXISTS t" + i + " (id bigint PRIMARY KEY, name text NOT NULL);\n"
                                + "CREATE INDEX IF NOT EXISTS t" + i + "_name ON t" + i + " (name);\n");
            }
            repo.commitAll("2000 migrations");
            repo.branch("feature");
            repo.write("db/migrations/2001_add_email.sql", "ALTER TABLE t1 ADD COLUMN email text;\n"
                    + "CREATE INDEX t1_email ON t1 (email);\n");
            repo.commitAll("one more");

            Config config = Config.defaults(repo.dir);
            Linter linter = new Linter(RuleSet.bundled(), config.rules());
            long start = System.nanoTime();
            FileSelection selection = FileSelection.select(config, List.of(), new FileSelection.GitRequest(true, false, false, false, null), repo.dir, Map.of());
            RunResult result = selection.finish(new LintRun(config, linter)
                    .run(selection.files(), selection.refused(), selection.preloaded()), linter, config);
            long inProcess = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of("db/migrations/2001_add_email.sql"), result.files().stream().map(f -> f.path()).toList());
            assertTrue(result.findings().stream().anyMatch(f -> f.ruleId().equals("require-concurrent-index")));

            long t0 = System.nanoTime();
            ProcessCli.Run changed = ProcessCli.run(repo.dir, "check", "--changed");
            long changedWall = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(1, changed.exit(), changed.all());
            assertTrue(changed.out().contains("Checked 1 file,"), changed.out());

            long t1 = System.nanoTime();
            ProcessCli.Run full = ProcessCli.run(repo.dir, "check", "--no-cache");
            long fullWall = (System.nanoTime() - t1) / 1_000_000;
            assertTrue(full.out().contains("Checked 2001 files,"), full.out());

            System.out.printf("check --changed, 2,000 migrations + 1 changed: %d ms in process (selection + lint),"
                    + " %d ms wall as a process (JVM start included); full check of all 2,001 files: %d ms wall%n",
                    inProcess, changedWall, fullWall);
        }
    }
}
