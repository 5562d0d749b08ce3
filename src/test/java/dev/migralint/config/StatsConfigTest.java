package dev.migralint.config;

import com.networknt.schema.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stats: block: the loader and the configuration schema agree, and the values land where they should. */
class StatsConfigTest {
    private static Schema schema;
    private static final Path FILE = Path.of("/repo/.migralint.yml");

    @BeforeAll
    static void load() throws IOException {
        schema = JsonSchemas.load(JsonSchemas.CONFIG);
    }

    @Test
    void valuesAndDefaults() throws Exception {
        StatsSettings d = ConfigLoader.parse(FILE, "fail-on: error").stats();
        assertEquals(StatsSettings.defaults(), d);
        assertEquals(Path.of("/repo/.migralint/stats.json"), d.path(Path.of("/repo")));
        StatsSettings s = ConfigLoader.parse(FILE,
                "stats:\n  file: db/stats.json\n  small-table: {rows: 5000, bytes: 2MB}\n  max-age-days: 14").stats();
        assertEquals(new StatsSettings("db/stats.json", true, 5000, 2L * 1024 * 1024, 14), s);
        assertEquals(100L * 1024 * 1024, ConfigLoader.parse(FILE, "stats:\n  small-table: {rows: 10}").stats().smallBytes());
    }

    @Test
    void settingOtherRulesKeepsTheStatsAndReleaseSettings() throws Exception {
        // Setup.withSquawkExcludes calls withRules: a squawk.toml beside a stats: block used to drop the block.
        Config c = ConfigLoader.parse(FILE, "stats:\n  small-table: {rows: 5000}\nreleases:\n  tags: 'v*'");
        Config other = c.withRules(c.rules().withDisabled(java.util.Set.of("ban-truncate")));
        assertEquals(c.stats(), other.stats());
        assertEquals("v*", other.releaseTags());
        assertEquals(5000L, other.stats().smallRows());
    }

    @Test
    void errorsNameTheKeyAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(FILE, "fail-on: error\nstats:\n  small-tables: {rows: 1}"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("did you mean 'small-table'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "stats:",
            "stats: {}",
            "stats:\n  file: .migralint/stats.json",
            "stats:\n  small-table: {rows: 0, bytes: 1048576}\n  max-age-days: 1",
            "stats:\n  small-table: {bytes: 512KB}",
            "stats:\n  small-table:\n  max-age-days:",
    })
    void goodConfigurationsPassBoth(String yaml) throws Exception {
        assertEquals(List.of(), JsonSchemas.errors(schema, "good.yml", yaml), yaml);
        ConfigLoader.parse(FILE, yaml);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "stats: .migralint/stats.json",
            "stats: {file: ''}",
            "stats: {file: [a]}",
            "stats: {small: {rows: 1}}",
            "stats: {small-table: 1000}",
            "stats: {small-table: {rows: -1}}",
            "stats: {small-table: {rows: many}}",
            "stats: {small-table: {bytes: 0}}",
            "stats: {small-table: {bytes: big}}",
            "stats: {small-table: {pages: 1}}",
            "stats: {max-age-days: 0}",
            "stats: {max-age-days: a week}",
    })
    void badConfigurationsFailBoth(String yaml) throws Exception {
        assertFalse(JsonSchemas.errors(schema, "bad.yml", yaml).isEmpty(), "schema accepts: " + yaml);
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, yaml), "loader accepts: " + yaml);
    }
}
