package dev.migralint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check --format github} writes the same runbook as {@code migralint plan} into the GitHub step summary. */
class StepSummaryRunbookTest {
    @Test
    void theStepSummaryCarriesPlansRunbook(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("migrations"));
        Files.writeString(repo.resolve("migrations/000001_a.up.sql"), "ALTER TABLE t ADD COLUMN c int;\n"
                + "CREATE INDEX t_c ON t (c);\nALTER TABLE t DROP COLUMN old;\n");
        Path summary = repo.resolve("summary.md");
        ProcessCli.Run check = ProcessCli.run(repo, Map.of("GITHUB_STEP_SUMMARY", summary.toString()),
                "check", "--format", "github", "migrations");
        assertEquals(1, check.exit(), check.all());
        ProcessCli.Run plan = ProcessCli.run(repo, "plan", "--format", "markdown", "migrations");
        assertEquals(0, plan.exit(), plan.all());
        String md = Files.readString(summary);
        String start = "<details><summary>Deployment runbook (migralint plan)</summary>\n\n";
        assertTrue(md.contains("Deployment checklist") && md.contains(start), md);
        String runbook = md.substring(md.indexOf(start) + start.length(), md.lastIndexOf("\n</details>"));
        assertEquals(levels(plan.out()).strip(), levels(runbook).strip(), "the same runbook as plan's");
        assertTrue(runbook.contains("Rollback scripts") && runbook.contains("IRREVERSIBLE"), runbook);
    }

    /** Headings with their level left out: the summary moves them below its own. */
    private static String levels(String md) {
        return md.replaceAll("(?m)^#+ ", "# ");
    }
}
