package dev.migralint.config;

import com.networknt.schema.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration as the check command applies it: severities, fail-on, user rules, and errors with exit 2. */
class ConfigCliTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Cli.Run check(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("check", dir.resolve("m").toString(), "--color", "never",
                "--config", dir.resolve(".migralint.yml").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void severityPerRuleFromConfiguration() throws IOException {
        write("m/001.sql", "SET lock_timeout = '2s';\nDROP TABLE IF EXISTS users;\n");
        write(".migralint.yml", "fail-on: error\n");
        Cli.Run plain = check();
        assertEquals(1, plain.exit(), plain.all());
        assertTrue(plain.out().contains("error[ban-drop-table]"), plain.out());

        write(".migralint.yml", "rules:\n  ban-drop-table: warning\n");
        Cli.Run lowered = check();
        assertEquals(0, lowered.exit(), lowered.all());
        assertTrue(lowered.out().contains("m/001.sql:2:1: warning[ban-drop-table]"), lowered.out());

        write(".migralint.yml", "rules:\n  ban-drop-table: off\n");
        Cli.Run off = check();
        assertEquals(0, off.exit(), off.all());
        assertFalse(off.out().contains("ban-drop-table"), off.out());

        write(".migralint.yml", "rules:\n  prefer-if-exists: error\n");
        write("m/001.sql", "SET lock_timeout = '2s';\nDROP INDEX CONCURRENTLY users_email_idx;\n");
        Cli.Run raised = check();
        assertEquals(1, raised.exit(), raised.all());
        assertTrue(raised.out().contains("error[prefer-if-exists]"), raised.out());
    }

    @Test
    void failOnFromConfigurationAndFlag() throws IOException {
        write("m/001.sql", "ALTER TABLE users DROP CONSTRAINT users_legacy_check;\n");
        write(".migralint.yml", "fail-on: error\n");
        assertEquals(0, check().exit(), "a warning does not fail at fail-on: error");
        write(".migralint.yml", "fail-on: warning\n");
        Cli.Run strict = check();
        assertEquals(1, strict.exit(), strict.all());
        assertTrue(strict.out().contains("NOT SAFE TO DEPLOY"), strict.out());
        assertEquals(0, check("--fail-on", "error").exit(), "the flag overrides the configuration");

        write("m/001.sql", "FROBNICATE TABLE users;\n");
        write(".migralint.yml", "");
        Cli.Run notice = check();
        assertEquals(0, notice.exit(), notice.all());
        assertTrue(notice.out().contains("notice[unrecognized-statement]"), notice.out());
        assertEquals(1, check("--fail-on", "notice").exit());
        Cli.Run bad = check("--fail-on", "fatal");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--fail-on must be error, warning or notice, not 'fatal'"), bad.err());
    }

    @Test
    void unknownRuleIdInConfigurationIsAUsageErrorWithItsLine() throws IOException {
        write("m/001.sql", "SELECT 1;\n");
        write(".migralint.yml", "fail-on: error\nrules:\n  ban-truncate: off\n  ban-drop-tabel: warning\n");
        Cli.Run r = check();
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(dir.resolve(".migralint.yml") + ":4: unknown rule 'ban-drop-tabel' in rules; "
                + "did you mean 'ban-drop-table'?"), r.err());
    }

    @Test
    void unknownFrameworkIsAUsageErrorWithItsLine() throws IOException {
        write("m/001.sql", "SELECT 1;\n");
        write(".migralint.yml", "dialect: postgresql\nframework: prizma\n");
        Cli.Run r = check();
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(".migralint.yml:2: unknown framework 'prizma'; did you mean 'prisma'?"), r.err());
    }

    @Test
    void invalidConfigurationIsAUsageErrorWithFileAndLine() throws IOException {
        write("m/001.sql", "SELECT 1;\n");
        write(".migralint.yml", "include: ['m/*.sql']\nfailon: warning\n");
        Cli.Run r = check();
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(".migralint.yml:2: unknown key 'failon'; did you mean 'fail-on'?"), r.err());
        Cli.Run missing = Cli.run("check", dir.resolve("m").toString(), "--config", dir.resolve("nope.yml").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("configuration file not found"), missing.err());
    }

    static final String USER_RULE = """
            # yaml-language-server: $schema=../schemas/migralint-rule.schema.json
            id: team-no-tmp-tables
            severity: error
            summary: Tables named tmp_ must not reach production.
            message: "Table {table} looks temporary; scratch tables belong in a separate schema."
            help: "Rename the table, or create it in the scratch schema."
            match:
              kind: create-table
              where:
                table: {matches: "^tmp_"}
            examples:
              - bad: CREATE TABLE tmp_import (id bigint);
              - good: CREATE TABLE imports (id bigint);
            """;

    @Test
    void userRulesFromRuleDirsFireAndCanBeConfigured() throws IOException {
        write("team-rules/team-no-tmp-tables.yml", USER_RULE);
        write("team-rules/README.md", "not a rule\n");
        write("m/001.sql", "CREATE TABLE tmp_import (id bigint PRIMARY KEY);\n");
        write(".migralint.yml", "rule-dirs: [team-rules]\n");
        Cli.Run r = check();
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("m/001.sql:1:1: error[team-no-tmp-tables]: Table tmp_import looks temporary"), r.out());
        Cli.Run listed = Cli.run("rules", "--config", dir.resolve(".migralint.yml").toString());
        assertEquals(0, listed.exit(), listed.all());
        assertTrue(listed.out().contains("team-no-tmp-tables"), listed.out());

        write(".migralint.yml", "rule-dirs: [team-rules]\nrules:\n  team-no-tmp-tables: notice\n");
        Cli.Run lowered = check();
        assertEquals(0, lowered.exit(), lowered.all());
        assertTrue(lowered.out().contains("notice[team-no-tmp-tables]"), lowered.out());
    }

    @Test
    void aBrokenUserRuleStopsTheRunWithItsFileAndLine() throws IOException {
        Path broken = write("team-rules/broken.yml", USER_RULE.replace("team-no-tmp-tables", "team-broken")
                .replace("    table: {matches", "    tabel: {matches"));
        write("m/001.sql", "CREATE TABLE tmp_import (id bigint PRIMARY KEY);\n");
        write(".migralint.yml", "rule-dirs: [team-rules]\n");
        Cli.Run r = check();
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(broken + ":10: unknown fact 'tabel' for kind(s) of this rule; did you mean 'table'?"),
                r.err());
        assertEquals("", r.out(), "nothing is linted with a broken rule set");

        write("team-rules/broken.yml", "id: team-broken\nseverity: error\nsummary: [unclosed\n");
        Cli.Run yaml = check();
        assertEquals(2, yaml.exit());
        assertTrue(yaml.err().contains(broken + ":"), yaml.err());
        assertTrue(yaml.err().contains("invalid YAML"), yaml.err());

        write("team-rules/broken.yml", USER_RULE.replace("kind: create-table", "kind: create-tabel"));
        Cli.Run kind = check();
        assertEquals(2, kind.exit());
        assertTrue(kind.err().contains(broken + ":8: unknown operation kind 'create-tabel'; did you mean 'create-table'?"),
                kind.err());
    }

    @Test
    void aMissingRuleDirectoryIsAUsageErrorWithTheConfigLine() throws IOException {
        write("m/001.sql", "SELECT 1;\n");
        write(".migralint.yml", "fail-on: error\nrule-dirs:\n  - team-rules\n");
        Cli.Run r = check();
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(".migralint.yml:3: rule directory " + dir.resolve("team-rules") + " does not exist"),
                r.err());
    }

    @Test
    void theUserRuleValidatesAgainstThePublishedSchema() throws Exception {
        Schema schema = JsonSchemas.load(JsonSchemas.RULE);
        assertEquals(List.of(), JsonSchemas.errors(schema, "team-no-tmp-tables.yml", USER_RULE));
        assertFalse(JsonSchemas.errors(schema, "broken.yml", USER_RULE.replace("kind: create-table", "kind: create-tabel"))
                .isEmpty());
    }
}
