package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.engine.FileSelection;
import dev.migralint.engine.LintRun;
import dev.migralint.engine.RunnerSetup;
import dev.migralint.report.RunTotals;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.workspace.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A text-report run keeps no analysis, so its history findings take the dialect and runner the run detected
 * ({@link LintRun#placed}) instead of detecting each file again: the findings must be those of a run that kept the
 * analysis, and the run's totals those of its files added up.
 */
class FindingsOnlyFinishTest {
    @TempDir
    Path root;

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private RunResult run(Config config, Linter linter, boolean findingsOnly, boolean reusePlacement) {
        FileSelection selection = FileSelection.select(config, List.of("."), FileSelection.GitRequest.NONE, root, Map.of());
        LintRun run = new LintRun(config, linter).findingsOnly(findingsOnly);
        RunResult result = run.run(selection.files(), selection.refused(), selection.preloaded());
        return reusePlacement ? selection.finish(result, linter, config, run::placed)
                : selection.finish(result, linter, config);
    }

    @Test
    void historyFindingsAndTotalsAreTheSame() throws Exception {
        // golang-migrate: an up without its down, a duplicate version; Diesel: a migration per directory.
        write("db/migrations/000001_users.up.sql", "CREATE TABLE users (id int);\n");
        write("db/migrations/000001_users.down.sql", "DROP TABLE users;\n");
        write("db/migrations/000002_email.up.sql", "ALTER TABLE users ADD COLUMN email text NOT NULL;\n");
        write("db/migrations/000002_other.up.sql", "CREATE INDEX users_email ON users (email);\n");
        write("diesel.toml", "[print_schema]\n");
        write("crate/migrations/2024-01-01-000000_init/up.sql", "CREATE TABLE t (id int);\n");
        write("crate/migrations/2024-01-02-000000_more/up.sql", "ALTER TABLE t ALTER COLUMN id TYPE bigint;\n");
        Config config = Config.defaults(root);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());

        RunResult analysed = run(config, linter, false, false);
        RunResult placedAgain = run(config, linter, true, false);
        RunResult reused = run(config, linter, true, true);
        assertFalse(analysed.findings().isEmpty());
        assertTrue(analysed.findings().stream().anyMatch(f -> f.ruleId().equals("missing-down-migration")),
                analysed.findings().toString());
        assertEquals(analysed.findings(), reused.findings());
        assertEquals(placedAgain.findings(), reused.findings());

        // What the run remembers is what detection says of the file.
        FileSelection selection = FileSelection.select(config, List.of("."), FileSelection.GitRequest.NONE, root, Map.of());
        LintRun run = new LintRun(config, linter).findingsOnly(true);
        run.run(selection.files(), selection.refused(), selection.preloaded());
        ProjectLayout layout = RunnerSetup.layout(config);
        for (var c : selection.files()) {
            LintRun.Placed p = run.placed(c.displayPath());
            assertNotNull(p, c.displayPath());
            String text = Files.readString(c.path());
            assertEquals(layout.dialect(c.path(), c.displayPath(), text), p.dialect());
            assertEquals(layout.framework(c.path(), c.displayPath(), text), p.framework());
        }

        RunTotals folded = new RunTotals(reused.failOn(), reused.elapsedMillis(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (FileResult f : reused.files()) {
            folded = folded.plus(RunTotals.of(f, reused.failOn()));
        }
        assertEquals(folded, RunTotals.of(reused));
        assertTrue(RunTotals.of(reused).byRule().tallies().size() > 1);
    }
}
