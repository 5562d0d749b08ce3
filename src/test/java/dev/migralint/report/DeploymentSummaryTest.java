package dev.migralint.report;

import dev.migralint.rules.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment summary: verdict, findings with locks, the checklist the findings imply, and escaping. */
class DeploymentSummaryTest {
    @TempDir
    Path root;

    private String summary(String sql) {
        ReportTesting.write(root.resolve("db/001_init.sql"), "CREATE TABLE users (id bigint, email text, legacy text);\n");
        ReportTesting.write(root.resolve("db/002_change.sql"), sql);
        RunResult result = ReportTesting.lint(root, "db");
        return ReportTesting.render(new MarkdownReporter(ReportTesting.options(root, Map.of())), result);
    }

    @Test
    void safeChangeHasATickedChecklist() {
        String md = summary("ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text;\n");
        assertTrue(md.startsWith("## ✅ migralint: SAFE TO DEPLOY"), md);
        assertTrue(md.contains("- [x] **Backup:**"), md);
        assertTrue(md.contains("- [x] **Maintenance window:**"), md);
        assertTrue(md.contains("- [x] **Separate deploys:**"), md);
        assertTrue(md.contains("**Rollback plan:**"), md);
        assertFalse(md.contains("- [ ] **Back up"), md);
    }

    @Test
    void destructiveAndLockingChangesAskForBackupWindowAndSplit() {
        String md = summary("SET lock_timeout = '5s';\n"
                + "ALTER TABLE users DROP COLUMN IF EXISTS legacy;\n"
                + "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);\n");
        assertTrue(md.startsWith("## ❌ migralint: NOT SAFE TO DEPLOY"), md);
        assertTrue(md.contains("#### <code>db/002\\_change.sql</code>"), md);
        assertTrue(md.contains("| Line | Statement | Lock taken | Blocks | Findings |"), md);
        assertTrue(md.contains("<b>ACCESS EXCLUSIVE</b>, rewrites the table | all reads and writes"), md);
        assertTrue(md.contains("- [ ] **Back up before deploying.**"), md);
        assertTrue(md.contains("<code>db/002\\_change.sql:2</code> (ban-drop-column)"), md);
        assertTrue(md.contains("- [ ] **Maintenance window, or the safe rewrite.**"), md);
        assertTrue(md.contains("- [ ] **Split into separate deploys (expand/contract).**"), md);
        assertTrue(md.contains("restoring deleted data needs the backup"), md);
    }

    @Test
    void fileContentIsEscaped() {
        String md = summary("DROP TABLE \"<img src=x onerror=alert(1)>|`x`\";\n");
        assertFalse(md.contains("<img"), md);
        assertTrue(md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;&#124;\\`x\\`"), md);
        for (String line : md.split("\n")) {
            if (line.startsWith("| 1 |")) {
                assertEquals(6, line.chars().filter(c -> c == '|').count(), "a row keeps its five cells: " + line);
            }
        }
    }

    @Test
    void escapeNeutralisesMarkdownAndHtml() {
        assertEquals("a&#124;b &lt;i&gt; \\*x\\* \\[l\\]\\(u\\) \\`c\\` \\# h", DeploymentSummary.escape("a|b <i> *x* [l](u) `c` # h"));
        assertEquals("one two", DeploymentSummary.escape("one\ntwo"));
    }
}
