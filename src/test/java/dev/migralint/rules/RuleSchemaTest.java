package dev.migralint.rules;

import com.networknt.schema.Schema;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.docs.SchemaFiles;
import dev.migralint.config.JsonSchemas;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.Framework;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * schemas/migralint-rule.schema.json: every bundled rule file validates against it, its vocabulary is the code's, and
 * it refuses what the rule loader refuses.
 */
class RuleSchemaTest {
    private static final String HOW = ": run bin/update-docs and commit schemas/";
    private static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        schema = JsonSchemas.load(JsonSchemas.RULE);
    }

    @TestFactory
    Stream<DynamicTest> everyBundledRuleFileValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertEquals(List.of(), JsonSchemas.errors(schema, f.toString(), text), f + " does not match the schema");
        }));
    }

    @Test
    void kindListIsTheOperationCatalogs() throws IOException {
        List<String> catalog = OperationCatalog.get().kinds().stream().map(OperationCatalog.KindInfo::name).toList();
        List<String> schemaKinds = JsonSchemas.vocabulary(JsonSchemas.RULE, "kind");
        assertEquals(new TreeSet<>(catalog), new TreeSet<>(schemaKinds), "the schema's match.kind list is stale" + HOW);
    }

    @Test
    void factListIsEveryKindsFactsPlusTheContextFacts() throws IOException {
        Set<String> expected = new TreeSet<>(ContextFacts.docs().keySet());
        for (OperationCatalog.KindInfo k : OperationCatalog.get().kinds()) {
            expected.addAll(k.facts().keySet());
        }
        assertEquals(expected, new TreeSet<>(JsonSchemas.vocabulary(JsonSchemas.RULE, "fact")),
                "the schema's fact list is stale" + HOW);
    }

    @Test
    void fixAndFrameworkListsAreTheCodes() throws IOException {
        assertEquals(FixSpec.KNOWN, JsonSchemas.vocabulary(JsonSchemas.RULE, "fix"), "fix names" + HOW);
        assertEquals(Framework.values().stream().map(Framework::id).toList(),
                JsonSchemas.vocabulary(JsonSchemas.RULE, "framework"), "frameworks" + HOW);
    }

    @Test
    void checkedInSchemaIsWhatUpdateDocsWrites() throws IOException {
        String text = Files.readString(Path.of(SchemaFiles.RULE_SCHEMA), StandardCharsets.UTF_8);
        assertEquals(SchemaFiles.ruleSchema(text), text, SchemaFiles.RULE_SCHEMA + " is stale" + HOW);
    }

    @Test
    void keysAreTheLoadersKeys() throws IOException {
        assertEquals(new TreeSet<>(RuleLoader.TOP_KEYS), new TreeSet<>(JsonSchemas.properties(JsonSchemas.RULE, "")));
        assertEquals(new TreeSet<>(RuleLoader.MATCH_KEYS),
                new TreeSet<>(JsonSchemas.properties(JsonSchemas.RULE, "/properties/match")));
        assertEquals(new TreeSet<>(RuleLoader.EXAMPLE_KEYS),
                new TreeSet<>(JsonSchemas.properties(JsonSchemas.RULE, "/$defs/example")));
        assertEquals(new TreeSet<>(RuleLoader.TEST_KEYS),
                new TreeSet<>(JsonSchemas.properties(JsonSchemas.RULE, "/$defs/test/anyOf/1")));
    }

    private static final String GOOD = """
            id: team-rule
            severity: warning
            summary: Something.
            match:
              kind: [create-index, drop-index]
              where:
                concurrently: false
                any:
                  - table: {matches: "^audit_"}
                  - not: {table-created-in-file: true}
                  - postgres-version: {lt: 12}
                  - name: {in: [a, b]}
                  - name: {not: {in: [c]}}
            fix: {name: add-concurrently}
            report: once-per-statement
            examples:
              - bad: CREATE INDEX i ON audit_log (id);
                fixed: CREATE INDEX CONCURRENTLY i ON audit_log (id);
                postgres-version: 11
              - good: CREATE INDEX CONCURRENTLY i ON audit_log (id);
                dialect: postgresql
                framework: prisma
                transaction: never
            """;

    @Test
    void schemaAndLoaderAgreeOnGoodAndBadRules() throws Exception {
        assertEquals(List.of(), JsonSchemas.errors(schema, "good.yml", GOOD));
        RuleLoader.load("good.yml", GOOD);
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"kind: [create-index, drop-index]", "kind: create-indx"});
        bad.add(new String[] {"    concurrently: false", "    concurently: false"});
        bad.add(new String[] {"severity: warning", "severity: fatal"});
        bad.add(new String[] {"id: team-rule", "id: Team_Rule"});
        bad.add(new String[] {"report: once-per-statement", "report: once"});
        bad.add(new String[] {"fix: {name: add-concurrently}", "fix: add-concurency"});
        bad.add(new String[] {"summary: Something.", "summary: Something.\ncolour: red"});
        bad.add(new String[] {"{matches: \"^audit_\"}", "{matches: \"^audit_\", in: [x]}"});
        bad.add(new String[] {"{lt: 12}", "{lt: twelve}"});
        bad.add(new String[] {"    framework: prisma", "    framework: rails"});
        bad.add(new String[] {"  - good: CREATE INDEX CONCURRENTLY i ON audit_log (id);",
                "  - good: CREATE INDEX CONCURRENTLY i ON audit_log (id);\n    bad: x"});
        for (String[] change : bad) {
            assertTrue(GOOD.contains(change[0]), change[0]);
            String text = GOOD.replace(change[0], change[1]);
            assertFalse(JsonSchemas.errors(schema, "bad.yml", text).isEmpty(), "schema accepts: " + change[1]);
            boolean loaderRefuses;
            try {
                RuleLoader.load("bad.yml", text);
                loaderRefuses = false;
            } catch (RuleLoadException e) {
                loaderRefuses = true;
            }
            if (!change[1].contains("framework: rails")) { // the loader ignores unknown example runners
                assertTrue(loaderRefuses, "loader accepts: " + change[1]);
            }
        }
    }

    @Test
    void schemaAndLoaderAgreeOnVerifyOnlyRules() throws Exception {
        String verify = "id: my-check\nset: verify\nseverity: error\nsummary: s\nhelp: h\n";
        assertEquals(List.of(), JsonSchemas.errors(schema, "v.yml", verify));
        RuleLoader.load("v.yml", verify);
        // A verify rule's examples are small projects (a map of files), not a statement to lint.
        for (String extra : List.of("match:\n  kind: drop-table\n", "examples:\n  - bad: DROP TABLE t;\n",
                "examples:\n  - bad:\n      a.sql: DROP TABLE t;\n    changed: [a.sql]\n")) {
            assertFalse(JsonSchemas.errors(schema, "v.yml", verify + extra).isEmpty(), "schema accepts: " + extra);
            assertThrows(RuleLoadException.class, () -> RuleLoader.load("v.yml", verify + extra), extra);
        }
        String noMatch = verify.replace("set: verify\n", "");
        assertFalse(JsonSchemas.errors(schema, "n.yml", noMatch).isEmpty(), "a lint rule needs match");
        assertThrows(RuleLoadException.class, () -> RuleLoader.load("n.yml", noMatch));
        String example = verify + "examples:\n  - bad:\n      db/1_a.up.sql: CREATE TABLE t (id int);\n"
                + "    runner: golang-migrate\n    changed: [db/1_a.up.sql]\n    at: db/1_a.up.sql:1\n";
        assertEquals(List.of(), JsonSchemas.errors(schema, "v.yml", example));
        assertEquals(1, RuleLoader.load("v.yml", example).examples().size());
        String lintExampleKey = example.replace("    at: db/1_a.up.sql:1\n", "    fixed: x\n");
        assertFalse(JsonSchemas.errors(schema, "v.yml", lintExampleKey).isEmpty(), "schema accepts fixed:");
        assertThrows(RuleLoadException.class, () -> RuleLoader.load("v.yml", lintExampleKey));
    }
}
