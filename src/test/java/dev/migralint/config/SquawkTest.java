package dev.migralint.config;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A .squawk.toml's excluded_rules, in squawk's documented syntax, mapped to migralint's rule ids. */
class SquawkTest {
    @Test
    void excludedRulesAreMapped() throws ConfigException {
        String toml = """
                # squawk configuration
                pg_version = "15.0"
                excluded_rules = [
                    "require-concurrent-index-creation", # we build indexes in maintenance windows
                    'prefer-robust-stmts',
                    "some-rule-migralint-lacks",
                ]
                assume_in_transaction = true
                """;
        assertEquals(Set.of("require-concurrent-index", "prefer-if-not-exists", "prefer-if-exists"),
                Squawk.excludedRules(".squawk.toml", toml));
        assertEquals(Set.of(), Squawk.excludedRules(".squawk.toml", "excluded_paths = [\"x.sql\"]\n"));
        assertEquals(Set.of("require-concurrent-index"), Set.copyOf(Squawk.migralintIds("RequireConcurrentIndexCreation")));
    }

    @Test
    void aMalformedListIsAnErrorWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Squawk.excludedRules(".squawk.toml", "pg_version = \"15\"\nexcluded_rules = \"ban-drop-column\"\n"));
        assertTrue(e.describe().contains(".squawk.toml:2"), e.describe());
    }

    @Test
    void everyMappedIdIsABundledRule() throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        dev.migralint.rules.RuleSet.bundled().all().forEach(r -> ids.add(r.id()));
        Squawk.rules().forEach((squawk, ours) -> ours.forEach(id -> assertTrue(ids.contains(id), squawk + " -> " + id)));
    }
}
