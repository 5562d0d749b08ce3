package dev.migralint.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.config.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check --write-baseline / --baseline: today's findings are accepted, only new ones are reported. */
class BaselineTest {
    @TempDir
    Path dir;

    private static final String MIGRATION = """
            SET lock_timeout = '2s';
            DROP TABLE IF EXISTS legacy_events;
            ALTER TABLE users DROP COLUMN IF EXISTS legacy_id;
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Cli.Run check(String... extra) throws IOException {
        if (!Files.exists(dir.resolve(".migralint.yml"))) {
            write(".migralint.yml", "fail-on: error\n");
        }
        List<String> args = new ArrayList<>(List.of("check", dir.resolve("m").toString(), "--color", "never",
                "--config", dir.resolve(".migralint.yml").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private String baselineArg() {
        return dir.resolve("baseline.json").toString();
    }

    @Test
    void recordedFindingsAreNotReportedAgain() throws IOException {
        write("m/001.sql", MIGRATION);
        Cli.Run before = check();
        assertEquals(1, before.exit(), before.all());

        Cli.Run recorded = check("--write-baseline", baselineArg());
        assertEquals(0, recorded.exit(), recorded.all());
        assertTrue(recorded.err().contains("recorded 2 findings in baseline.json"), recorded.err());
        assertTrue(recorded.out().contains("; 2 finding(s) in the baseline"), recorded.out());
        assertTrue(recorded.out().contains("SAFE TO DEPLOY"), recorded.out());

        Cli.Run after = check("--baseline", baselineArg());
        assertEquals(0, after.exit(), after.all());
        assertFalse(after.out().contains("ban-drop-table"), after.out());
        assertTrue(after.out().contains("; 2 finding(s) in the baseline"), "counted in the summary: " + after.out());

        Cli.Run shown = check("--baseline", baselineArg(), "--show-ignored");
        assertTrue(shown.out().contains("(ignored: in baseline baseline.json)"), shown.out());

        Cli.Run json = check("--baseline", baselineArg(), "--format", "json");
        assertTrue(json.out().contains("\"suppressed\" : true") || json.out().contains("\"suppressed\": true"), json.out());
    }

    @Test
    void addingLinesAboveKeepsFindingsBaselinedButEditingTheStatementReportsItAgain() throws IOException {
        write("m/001.sql", MIGRATION);
        assertEquals(0, check("--write-baseline", baselineArg()).exit());

        write("m/001.sql", "-- a new header comment\n\nCREATE TABLE notes (id bigint PRIMARY KEY);\n\n" + MIGRATION);
        Cli.Run moved = check("--baseline", baselineArg());
        assertEquals(0, moved.exit(), "moved down five lines, still baselined: " + moved.all());

        write("m/001.sql", MIGRATION.replace("DROP TABLE IF EXISTS legacy_events;",
                "drop   table if exists\n   legacy_events  -- reformatted\n;"));
        Cli.Run reformatted = check("--baseline", baselineArg());
        assertEquals(0, reformatted.exit(), "layout, case and comments do not matter: " + reformatted.all());

        write("m/001.sql", MIGRATION.replace("legacy_events", "audit_events"));
        Cli.Run edited = check("--baseline", baselineArg());
        assertEquals(1, edited.exit(), edited.all());
        assertTrue(edited.out().contains("m/001.sql:2:1: error[ban-drop-table]: DROP TABLE audit_events"), edited.out());
        assertFalse(edited.out().contains("ban-drop-column"), "the unchanged statement stays baselined: " + edited.out());
        assertTrue(edited.out().contains("; 1 finding(s) in the baseline"), edited.out());
    }

    @Test
    void aSecondIdenticalStatementIsNew() throws IOException {
        write("m/001.sql", MIGRATION);
        assertEquals(0, check("--write-baseline", baselineArg()).exit());
        write("m/001.sql", MIGRATION + "DROP TABLE IF EXISTS legacy_events;\n");
        Cli.Run r = check("--baseline", baselineArg());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("m/001.sql:4:1: error[ban-drop-table]"), r.out());
        assertFalse(r.out().contains("m/001.sql:2:1: error[ban-drop-table]"), r.out());
    }

    @Test
    void theFileIsSortedStableJsonKeyedWithoutLineNumbers() throws IOException {
        write("m/002.sql", "DROP TABLE IF EXISTS b;\n");
        write("m/001.sql", MIGRATION);
        check("--write-baseline", baselineArg());
        byte[] first = Files.readAllBytes(dir.resolve("baseline.json"));
        check("--write-baseline", baselineArg());
        assertEquals(new String(first, StandardCharsets.UTF_8),
                Files.readString(dir.resolve("baseline.json"), StandardCharsets.UTF_8), "rewriting changes nothing");

        JsonNode root = new ObjectMapper().readTree(first);
        assertEquals(1, root.get("version").asInt());
        List<String> keys = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            assertFalse(f.has("line"), "no line numbers");
            assertTrue(f.get("fingerprint").asText().matches("[0-9a-f]{16}"), f.toString());
            keys.add(f.get("path").asText() + " " + f.get("rule").asText() + " " + f.get("fingerprint").asText()
                    + " " + f.get("occurrence").asInt());
        }
        List<String> sorted = new ArrayList<>(keys);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, keys, "sorted by path, rule, fingerprint, occurrence");
        assertTrue(keys.get(0).startsWith("m/001.sql ban-drop-column "), keys.toString());
        assertTrue(new String(first, StandardCharsets.UTF_8).endsWith("}\n"));
    }

    @Test
    void baselineFromConfigurationAndUpdatingIt() throws IOException {
        write("m/001.sql", MIGRATION);
        write(".migralint.yml", "baseline: baseline.json\n");
        Cli.Run missing = check();
        assertEquals(2, missing.exit(), missing.all());
        assertTrue(missing.err().contains("baseline file does not exist"), missing.err());
        assertTrue(missing.err().contains(".migralint.yml:1"), "names the config line: " + missing.err());

        Cli.Run updated = check("--update-baseline");
        assertEquals(0, updated.exit(), updated.all());
        assertTrue(Files.exists(dir.resolve("baseline.json")));
        assertEquals(0, check().exit(), "the configured baseline is applied without a flag");

        write("m/001.sql", MIGRATION + "TRUNCATE audit;\n");
        assertEquals(1, check().exit());
        assertEquals(0, check("--update-baseline").exit());
        assertEquals(0, check().exit());
    }

    @Test
    void unusableBaselinesAreUsageErrors() throws IOException {
        write("m/001.sql", MIGRATION);
        write("broken.json", "{\n  \"findings\": [\n    {\"path\": }\n  ]\n}\n");
        Cli.Run broken = check("--baseline", dir.resolve("broken.json").toString());
        assertEquals(2, broken.exit(), broken.all());
        assertTrue(broken.err().contains("broken.json:3: not a migralint baseline"), broken.err());

        write("other.json", "{\"something\": 1}\n");
        Cli.Run other = check("--baseline", dir.resolve("other.json").toString());
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("expected an object with a \"findings\" array"), other.err());

        Cli.Run both = check("--write-baseline", baselineArg(), "--update-baseline");
        assertEquals(2, both.exit());
        Cli.Run nothing = check("--update-baseline");
        assertEquals(2, nothing.exit());
        assertTrue(nothing.err().contains("--update-baseline needs a baseline"), nothing.err());
    }

    @Test
    void inlineIgnoredFindingsAreNotRecorded() throws IOException {
        write("m/001.sql", "SET lock_timeout = '2s';\n-- migralint-ignore ban-drop-table: archived\nDROP TABLE IF EXISTS a;\n"
                + "DROP TABLE IF EXISTS b;\n");
        check("--write-baseline", baselineArg());
        JsonNode root = new ObjectMapper().readTree(dir.resolve("baseline.json").toFile());
        assertEquals(1, root.get("findings").size(), root.toString());
        assertTrue(root.get("findings").get(0).get("excerpt").asText().startsWith("drop table if exists b"), root.toString());
    }
}
