package dev.migralint.report;

import dev.migralint.rules.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workflow-command annotations, their escaping, and the step summary. */
class GitHubReporterTest {
    @TempDir
    Path dir;

    @Test
    void escapesAsTheActionsToolkitDoes() {
        assertEquals("a%25b%0D%0Ac", WorkflowCommands.escapeData("a%b\r\nc"));
        assertEquals("a: b, c", WorkflowCommands.escapeData("a: b, c"), "message text keeps : and ,");
        assertEquals("a%3A b%2C c%25%0A", WorkflowCommands.escapeProperty("a: b, c%\n"));
    }

    @Test
    void oneAnnotationPerFindingWithItsRange() {
        Path repo = dir.resolve("repo");
        ReportTesting.write(repo.resolve("db/001_init.sql"), "CREATE TABLE IF NOT EXISTS users (id bigint, email text);\n");
        ReportTesting.write(repo.resolve("db/002_index.sql"), "\nCREATE INDEX users_email_idx ON users (email);\n");
        ReportTesting.write(repo.resolve("db/003_ignored.sql"),
                "-- migralint-ignore ban-drop-table: replaced by accounts in 4.0\nDROP TABLE users;\n");
        RunResult result = ReportTesting.lint(repo, "db");
        String out = ReportTesting.render(new GitHubReporter(ReportTesting.options(repo, Map.of())), result);
        List<String> lines = Arrays.asList(out.split("\n"));
        String index = lines.stream().filter(l -> l.contains("title=migralint require-concurrent-index")).findFirst()
                .orElseThrow(() -> new AssertionError(out));
        assertTrue(index.startsWith("::error file=db/002_index.sql,line=2,endLine=2,col=1,endColumn="), index);
        String message = index.substring(index.indexOf("::", 2) + 2);
        assertFalse(message.contains("\n"));
        assertTrue(message.contains("%0ALock: SHARE"), message);
        assertTrue(message.contains("%0ASee: " + Docs.ruleUrl("require-concurrent-index")), message);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning ") && l.contains("require-lock-timeout")), out);
        assertFalse(out.contains("ban-drop-table"), "ignored findings are not annotated");
        String verdict = lines.get(lines.size() - 1).strip();
        assertTrue(verdict.startsWith("migralint: NOT SAFE TO DEPLOY (") && verdict.endsWith(" in 3 files checked)"),
                verdict);
        for (String l : lines) {
            assertTrue(l.startsWith("::") || l.startsWith("migralint: "), "only commands and the verdict: " + l);
        }
    }

    @Test
    void hostileNamesCannotStartCommandsOrBreakProperties() {
        Path repo = dir.resolve("repo");
        String evil = "db/x,line=99::%0A::error file=evil.sql.sql";
        ReportTesting.write(repo.resolve(evil), "DROP TABLE \"a\n::warning::pwned\";\n");
        RunResult result = ReportTesting.lint(repo, "db");
        String out = ReportTesting.render(new GitHubReporter(ReportTesting.options(repo, Map.of())), result);
        int annotations = 0;
        for (String line : out.split("\n")) {
            if (line.startsWith("migralint: ")) {
                continue;
            }
            annotations++;
            assertTrue(line.matches("::(error|warning|notice) file=db/x%2Cline=99%3A%3A%250A%3A%3Aerror file=evil\\.sql\\.sql,"
                    + "line=\\d+,.*"), line);
        }
        assertTrue(annotations > 0, out);
        assertFalse(out.contains("\n::warning::pwned"), out);
    }

    @Test
    void pathsAreRelativeToTheWorkspaceAndTheSummaryIsAppended() throws Exception {
        Path workspace = dir.resolve("ws");
        Path root = workspace.resolve("services/api");
        ReportTesting.write(root.resolve("db/001.sql"), "ALTER TABLE users RENAME COLUMN email TO mail;\n"
                + "ALTER TABLE users DROP COLUMN legacy;\n");
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "# Earlier step\n", StandardCharsets.UTF_8);
        RunResult result = ReportTesting.lint(root, "db");
        String out = ReportTesting.render(new GitHubReporter(ReportTesting.options(root, Map.of(
                "GITHUB_WORKSPACE", workspace.toString(), "GITHUB_STEP_SUMMARY", summary.toString()))), result);
        assertTrue(out.contains("file=services/api/db/001.sql,"), out);
        String md = Files.readString(summary, StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# Earlier step\n"), "appended, not overwritten");
        assertTrue(md.contains("NOT SAFE TO DEPLOY"), md);
        assertTrue(md.contains("<code>services/api/db/001.sql</code>"), md);
        assertTrue(md.contains("Back up before deploying"), md);
        assertTrue(md.contains("Split into separate deploys"), md);
        assertTrue(md.contains("ACCESS EXCLUSIVE"), md);
    }

    @Test
    void noSummaryWithoutTheVariable() {
        Path repo = dir.resolve("repo");
        ReportTesting.write(repo.resolve("db/001.sql"), "CREATE TABLE IF NOT EXISTS t (id int);\n");
        RunResult result = ReportTesting.lint(repo, "db");
        String out = ReportTesting.render(new GitHubReporter(ReportTesting.options(repo, Map.of())), result);
        assertTrue(out.strip().startsWith("migralint: SAFE TO DEPLOY"), out);
    }

    @Test
    void theStepSummaryCarriesTheRunbookTheCommandPassesIn() throws Exception {
        Path repo = dir.resolve("repo-runbook");
        Path summary = dir.resolve("summary-runbook.md");
        ReportTesting.write(repo.resolve("db/001.sql"), "ALTER TABLE t ADD COLUMN c int;\n");
        RunResult result = ReportTesting.lint(repo, "db");
        List<RunResult> seen = new java.util.ArrayList<>();
        Reporters.Options options = ReportTesting.options(repo, Map.of("GITHUB_STEP_SUMMARY", summary.toString()))
                .withRunbook(r -> {
                    seen.add(r);
                    return "# Deployment runbook\n\n## 1. Before deploying\n\nrunbook body for " + r.files().size()
                            + " file\n";
                });
        ReportTesting.render(new GitHubReporter(options), result);
        String md = Files.readString(summary, StandardCharsets.UTF_8);
        assertEquals(List.of(result), seen, "the runbook is built from this run's result");
        assertTrue(md.contains("Deployment checklist"), "the summary is still there: " + md);
        assertTrue(md.indexOf("<details><summary>Deployment runbook (migralint plan)</summary>")
                > md.indexOf("Deployment checklist"), md);
        assertTrue(md.contains("\n### Deployment runbook\n") && md.contains("\n#### 1. Before deploying\n"),
                "headings below the summary's: " + md);
        assertTrue(md.contains("runbook body for 1 file") && md.strip().endsWith("</details>"), md);
    }

    @Test
    void aRunbookTooLongForAStepSummaryIsCutAtALineWithItsCodeBlockClosed() {
        StringBuilder b = new StringBuilder("# Deployment runbook\n\n```sql\n");
        while (b.length() < GitHubReporter.MAX_RUNBOOK_CHARS * 2) {
            b.append("DROP INDEX CONCURRENTLY IF EXISTS \"some_index_name\";\n");
        }
        b.append("```\n");
        String section = GitHubReporter.runbookSection(b.toString());
        assertTrue(section.length() < GitHubReporter.MAX_RUNBOOK_CHARS + 1000, String.valueOf(section.length()));
        assertEquals(0, section.lines().filter(l -> l.startsWith("```")).count() % 2, "fences balanced");
        assertTrue(section.contains("cut here: `migralint plan` prints the whole runbook"), section.substring(section.length() - 300));
        assertTrue(section.lines().filter(l -> l.startsWith("DROP")).allMatch(l -> l.endsWith(";")), "cut at a line");
    }
}
