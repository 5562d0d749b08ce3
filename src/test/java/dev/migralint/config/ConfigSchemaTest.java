package dev.migralint.config;

import com.networknt.schema.Schema;
import dev.migralint.docs.SchemaFiles;
import dev.migralint.workspace.Framework;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** schemas/migralint-config.schema.json: it knows the loader's keys and runners, and agrees with the loader. */
class ConfigSchemaTest {
    private static Schema schema;
    private static final Path FILE = Path.of("/repo/.migralint.yml");

    @BeforeAll
    static void load() throws IOException {
        schema = JsonSchemas.load(JsonSchemas.CONFIG);
    }

    @Test
    void keysAreTheLoadersKeys() throws IOException {
        assertEquals(new TreeSet<>(ConfigLoader.KEYS), new TreeSet<>(JsonSchemas.properties(JsonSchemas.CONFIG, "")));
    }

    @Test
    void frameworksAreTheCodesAndTheFileIsFresh() throws IOException {
        assertEquals(Framework.values().stream().map(Framework::id).toList(),
                JsonSchemas.vocabulary(JsonSchemas.CONFIG, "framework"));
        String text = Files.readString(Path.of(SchemaFiles.CONFIG_SCHEMA), StandardCharsets.UTF_8);
        assertEquals(SchemaFiles.configSchema(text), text,
                SchemaFiles.CONFIG_SCHEMA + " is stale: run bin/update-docs and commit schemas/");
    }

    @Test
    void theReadmeExampleValidatesAndLoads() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("## Configuration.*?```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a yaml block under ## Configuration");
        String yaml = m.group(1);
        assertEquals(List.of(), JsonSchemas.errors(schema, "README.md", yaml));
        ConfigLoader.parse(FILE, yaml);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "include: db/migrations/**/*.sql",
            "include: ['a/*.sql', 'b/**/*.sql']\nexclude: []",
            "dialect: postgres\nframework: supabase\npostgres-version: 16\ntransaction: always",
            "rules:\n  ban-truncate: off\n  require-lock-timeout: error\n  unqualified-names: on",
            "rules:\n  ban-truncate: false",
            "rule-dirs: tools/rules\nfail-on: notice\nbaseline: .migralint-baseline.json",
            "lock-timeout: 2s\nmax-file-size: 512KB\nrequire-ignore-reason: false",
            "max-file-size: 1048576\nlock-timeout: 1500",
            "include:\nrules:\nbaseline:",
    })
    void goodConfigurationsPassBoth(String yaml) throws Exception {
        assertEquals(List.of(), JsonSchemas.errors(schema, "good.yml", yaml), yaml);
        ConfigLoader.parse(FILE, yaml);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fail_on: warning",
            "include: 5",
            "include: [{a: b}]",
            "include: ['/abs/*.sql']",
            "include: ['db\\\\*.sql']",
            "dialect: oracle",
            "framework: rails",
            "postgres-version: fifteen",
            "postgres-version: 8",
            "transaction: sometimes",
            "rules: [ban-truncate]",
            "rules:\n  ban-truncate: offf",
            "rules:\n  Ban_Truncate: off",
            "rules:\n  ban-truncate: 3",
            "rule-dirs: {a: b}",
            "fail-on: fatal",
            "baseline: [a.json]",
            "lock-timeout: 5 seconds",
            "max-file-size: huge",
            "max-file-size: 0",
            "require-ignore-reason: 'yes'",
    })
    void badConfigurationsFailBoth(String yaml) throws Exception {
        assertFalse(JsonSchemas.errors(schema, "bad.yml", yaml).isEmpty(), "schema accepts: " + yaml);
        if (yaml.startsWith("framework:")) {
            return; // runners are checked after loading, against the code's list (ConfigCliTest)
        }
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, yaml), "loader accepts: " + yaml);
    }
}
