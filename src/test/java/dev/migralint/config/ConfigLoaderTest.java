package dev.migralint.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** .migralint.yml: where it is found, every key, and a file:line error for every mistake. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Config parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(dir.resolve(".migralint.yml"), yaml);
    }

    private ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml), yaml);
    }

    @Test
    void foundByWalkingUpButNotPastTheRepositoryRoot() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path deep = Files.createDirectories(repo.resolve("db/migrations/2024"));
        assertEquals(Optional.empty(), ConfigLoader.find(deep));
        Files.writeString(dir.resolve(".migralint.yml"), "fail-on: warning\n");
        assertEquals(Optional.empty(), ConfigLoader.find(deep), "a config above the git root is not ours");
        Files.writeString(repo.resolve(".migralint.yml"), "fail-on: warning\n");
        assertEquals(Optional.of(repo.resolve(".migralint.yml")), ConfigLoader.find(deep));
        Files.writeString(repo.resolve("db/.migralint.yml"), "fail-on: notice\n");
        assertEquals(Optional.of(repo.resolve("db/.migralint.yml")), ConfigLoader.find(deep), "the nearest one wins");
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        Config c = parse("""
                include: ["db/migrations/**/*.sql", "other/*.sql"]
                exclude: "**/seed*.sql"
                dialect: MySQL
                framework: flyway
                postgres-version: 12
                transaction: never
                rules:
                  ban-truncate: off
                  unqualified-names: on
                  require-lock-timeout: error
                  prefer-if-exists: warn
                  ban-delete: false
                rule-dirs: [tools/rules, more-rules]
                fail-on: warning
                baseline: .migralint-baseline.json
                lock-timeout: 500ms
                max-file-size: 2MB
                require-ignore-reason: false
                """);
        assertEquals(List.of("db/migrations/**/*.sql", "other/*.sql"), c.include());
        assertEquals(List.of("**/seed*.sql"), c.exclude());
        assertEquals("mysql", c.dialect());
        assertEquals("flyway", c.framework());
        assertEquals(12, c.postgresVersion());
        assertEquals(TransactionMode.NEVER, c.transaction());
        assertEquals(Set.of("ban-truncate", "ban-delete"), c.rules().disabled());
        assertEquals(Set.of("unqualified-names", "require-lock-timeout", "prefer-if-exists"), c.rules().enabled());
        assertEquals(Map.of("require-lock-timeout", Severity.ERROR, "prefer-if-exists", Severity.WARNING),
                c.rules().severities());
        assertEquals(List.of(dir.resolve("tools/rules"), dir.resolve("more-rules")), c.ruleDirs());
        assertEquals(Severity.WARNING, c.failOn());
        assertEquals(dir.resolve(".migralint-baseline.json"), c.baseline());
        assertEquals("500ms", c.lockTimeout());
        assertEquals(2L * 1024 * 1024, c.maxFileBytes());
        assertFalse(c.requireIgnoreReason());
        assertFalse(c.rules().requireIgnoreReason(), "the linter sees it through the rule overrides");
        assertEquals(dir, c.root());
        assertEquals(8, c.lines().get("rules.ban-truncate"));
        assertEquals(13, c.lines().get("rule-dirs"));
        assertEquals(13, c.lines().get("rule-dirs[1]"));
        assertTrue(c.where("rules.ban-truncate").endsWith(".migralint.yml:8"), c.where("rules.ban-truncate"));
    }

    @Test
    void emptyValuesAndCommentOnlyFilesKeepTheDefaults() throws ConfigException {
        Config c = parse("""
                # nothing configured yet
                include:
                dialect:
                rules:
                  # ban-truncate: off
                baseline:
                postgres-version:
                require-ignore-reason:
                """);
        Config d = Config.defaults(dir);
        assertEquals(d.include(), c.include());
        assertNull(c.dialect());
        assertEquals(d.rules().disabled(), c.rules().disabled());
        assertNull(c.baseline());
        assertEquals(d.postgresVersion(), c.postgresVersion());
        assertTrue(c.requireIgnoreReason());
        assertEquals(Severity.ERROR, parse("# only a comment\n").failOn());
        assertEquals(Severity.ERROR, parse("").failOn());
        assertNull(parse("dialect: auto\nframework: auto\n").dialect());
    }

    @Test
    void globsAreValidated() throws ConfigException {
        assertNull(ConfigLoader.globProblem("db/**/V*__{a,b}.sql"));
        assertNull(ConfigLoader.globProblem("migrations/[0-9]*/migration.sql"));
        assertNull(ConfigLoader.globProblem("migrations/[!.]*.sql"));
        parse("include: ['prisma/migrations/*/migration.sql', '**/{up,down}.sql']\n");
    }

    /** Each bad configuration: the YAML, the line of the error, and a piece of its message. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            fail_on: warning                               | 1 | unknown key 'fail_on'; did you mean 'fail-on'?
            x: 1\\nincludes: ['a']                          | 1 | unknown key 'x'
            fail-on: error\\nincludes: ['a/*.sql']          | 2 | did you mean 'include'?
            include: 5                                     | 1 | include must be a glob or a list of them, not the number 5
            include: {a: b}                                | 1 | include must be a glob or a list of them, not a mapping
            include:\\n  - 'a/*.sql'\\n  - true             | 3 | include[1] must be a glob (a string), not the boolean true
            include: ['db/[abc.sql']                       | 1 | bad glob 'db/[abc.sql': '[' at position 4 is never closed
            exclude: ['db/{a,b.sql']                       | 1 | '{' is never closed
            exclude: ['db/a}.sql']                         | 1 | '}' at position 5 closes no '{'
            include: ['/abs/**/*.sql']                     | 1 | remove the leading '/'
            include: ['../other/*.sql']                    | 1 | '..' cannot match
            include: ['db\\\\m\\\\*.sql']                  | 1 | use forward slashes
            include: ['db/[z-a]*.sql']                     | 1 | bad character class [z-a]
            include: ['']                                  | 1 | it is empty
            dialect: postgress                             | 1 | did you mean 'postgres'?
            dialect: [postgresql]                          | 1 | dialect must be a single string, not a list
            framework: 7                                   | 1 | framework must be a single string, not the number 7
            postgres-version: fifteen                      | 1 | postgres-version must be a major version number such as 15, not 'fifteen'
            postgres-version: 8                            | 1 | postgres-version 8 is out of range
            postgres-version: {v: 15}                      | 1 | not a mapping
            transaction: sometimes                         | 1 | transaction must be auto, always or never
            transaction: alwayz                            | 1 | did you mean 'always'?
            rules: [ban-truncate]                          | 1 | rules must map rule ids to off, on, error, warning or notice
            rules:\\n  ban-truncate: offf                   | 2 | rule ban-truncate: expected off, on, error, warning or notice, not 'offf'; did you mean 'off'?
            rules:\\n  ban-truncate: [off]                  | 2 | not a list
            rules:\\n  ban-truncate: 3                      | 2 | not the number 3
            rules:\\n  ban-truncate:                        | 2 | not an empty value
            rules:\\n  Ban_Truncate: off                    | 2 | 'Ban_Truncate' is not a rule id
            rule-dirs: {a: b}                              | 1 | rule-dirs must be a directory or a list of them
            fail-on: fatal                                 | 1 | fail-on must be error, warning or notice, not 'fatal'
            fail-on: warnin                                | 1 | did you mean 'warning'?
            baseline: ['a.json']                           | 1 | baseline must be a single string, not a list
            lock-timeout: 5 seconds                        | 1 | lock-timeout must look like 5s, 500ms or 1min, not '5 seconds'
            lock-timeout: true                             | 1 | not the boolean true
            max-file-size: huge                            | 1 | max-file-size must be a number of bytes or a size such as 16MB
            max-file-size: 0                               | 1 | greater than zero
            require-ignore-reason: 'yes'                   | 1 | require-ignore-reason must be true or false, not 'yes'
            require-ignore-reason: 1                       | 1 | not the number 1
            - include                                      | 1 | the configuration must be a mapping
            include: [a\\nexclude: b                        | 2 | invalid YAML
            fail-on: error\\nfail-on: warning               | 2 | duplicate key 'fail-on'
            fail-on: !!python/object:os.system error       | 1 | unsafe or unknown YAML tag
            """)
    void mistakesAreReportedWithFileAndLine(String yaml, int line, String message) {
        ConfigException e = error(yaml.replace("\\n", "\n"));
        assertEquals(line, e.line(), e::describe);
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.describe());
        assertTrue(e.describe().startsWith(dir.resolve(".migralint.yml") + ":" + line + ": "), e::describe);
    }

    @Test
    void unknownKeyMessageListsTheValidKeys() {
        ConfigException e = error("colour: never\n");
        assertTrue(e.getMessage().contains("valid keys: include, exclude"), e.getMessage());
    }

    @Test
    void oversizedFileIsRefused() throws IOException {
        Path big = dir.resolve(".migralint.yml");
        Files.writeString(big, "# " + "x".repeat(SafeYaml.MAX_CHARS + 10) + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(big));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void yamlBombIsRefused() {
        StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            char p = (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append("]\n");
        }
        ConfigException e = error(b.toString());
        assertTrue(e.getMessage().contains("invalid YAML"), e::describe);
    }
}
