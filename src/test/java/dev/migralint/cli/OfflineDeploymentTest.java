package dev.migralint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code deployment: offline}: nothing serves while migrations run (memos and atuin's server migrate before they
 * serve), so lock, rewrite and rename findings are notices; data loss and statements that fail stay errors.
 */
class OfflineDeploymentTest {
    private static final String MIGRATION = "ALTER TABLE resource RENAME TO attachment;\n"
            + "CREATE INDEX attachment_memo ON attachment (memo_id);\n"
            + "ALTER TABLE memo DROP COLUMN legacy;\n"
            + "ALTER TABLE memo ADD COLUMN visibility text NOT NULL;\n";

    @TempDir
    Path tmp;

    private List<String> findings(String config) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(config == null ? "rolling" : "offline"));
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/0001_attachment.sql"), MIGRATION);
        if (config != null) {
            Files.writeString(dir.resolve(".migralint.yml"), config);
        }
        ProcessCli.Run r = ProcessCli.run(dir, "check", "--format", "json", "migrations/0001_attachment.sql");
        return JsonFindings.of(r, (JsonNode f) -> !JsonFindings.suppressed(f),
                f -> f.get("rule").asText() + " " + f.get("severity").asText());
    }

    @Test
    void locksAndRenamesAreNoticesDataLossAndFailuresStay() throws IOException {
        List<String> rolling = findings(null);
        List<String> offline = findings("deployment: offline\n");
        for (String f : List.of("renaming-table error", "require-concurrent-index error", "ban-drop-column error",
                "adding-required-field error")) {
            assertTrue(rolling.contains(f), rolling.toString());
        }
        for (String f : List.of("renaming-table notice", "require-concurrent-index notice", "ban-drop-column error",
                "adding-required-field error")) {
            assertTrue(offline.contains(f), offline.toString());
        }
        assertEquals(rolling.size(), offline.size(), "the same findings, other severities");
    }

    @Test
    void anUnknownDeploymentNamesTheChoices() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve(".migralint.yml"), "deployment: ofline\n");
        Files.writeString(dir.resolve("a.sql"), "SELECT 1;\n");
        ProcessCli.Run r = ProcessCli.run(dir, "check", "a.sql");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(".migralint.yml:1") && r.err().contains("did you mean 'offline'"), r.all());
    }
}
