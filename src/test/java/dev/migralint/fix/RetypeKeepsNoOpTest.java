package dev.migralint.fix;

import dev.migralint.cli.FixCommand;
import dev.migralint.config.Config;
import dev.migralint.rules.Linter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ALTER COLUMN ... TYPE to the type the history already gave the column (pop and Prisma histories write these,
 * to change nullability or a default beside it) rewrites nothing; replace-type must not turn it into a real type change
 * that rewrites the table (changing-column-type, require-statement-timeout: findings the file did not have). The
 * fixer lints its later rounds without the history, so the rewrite must still decline after another fix applied.
 */
class RetypeKeepsNoOpTest {
    @Test
    void retypeToTheCurrentTypeIsNotReplaced(@TempDir Path dir) throws Exception {
        FileFix later = fixSecond(dir, "CREATE TABLE e (id bigint, at timestamp NOT NULL);\n",
                "ALTER TABLE e ALTER COLUMN at TYPE timestamp, ALTER COLUMN at DROP NOT NULL;\n");
        FixOutcome o = later.outcomes().stream().filter(x -> x.finding().ruleId().equals("t-prefer-timestamptz"))
                .findFirst().orElseThrow(() -> new AssertionError(FixTesting.reasons(later)));
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("does not rewrite the table"), o.reason());
        assertTrue(later.fixed().contains("TYPE timestamp,"), later.fixed());
        // Another fix of the file was applied: the decline held in the round linted without the history.
        assertTrue(later.fixedCount() > 0, FixTesting.reasons(later));
    }

    @Test
    void retypeThatRewritesAnywayIsReplaced(@TempDir Path dir) throws Exception {
        FileFix later = fixSecond(dir, "CREATE TABLE e (id bigint, at date NOT NULL);\n",
                "ALTER TABLE e ALTER COLUMN at TYPE timestamp, ALTER COLUMN at DROP NOT NULL;\n");
        assertTrue(later.fixed().contains("TYPE timestamptz,"), later.fixed());
    }

    /** Fixes 002_later.sql with --unsafe-fixes, every rule's fix on, after 001_create.sql. */
    private static FileFix fixSecond(Path dir, String create, String later) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_create.sql"), create);
        Files.writeString(migrations.resolve("002_later.sql"), later);
        Config config = Config.defaults(dir);
        Linter linter = new Linter(FixTesting.rules(FixTesting.REPLACE_TIMESTAMP), config.rules());
        FixOptions options = new FixOptions(true, config.lockTimeout(), Set.of());
        FixCommand.Result r = FixCommand.run(config, linter, FixCorpusTest.collect(dir), options, false);
        return r.files().stream().map(FixCommand.Fixed::fix).filter(f -> f.displayPath().endsWith("002_later.sql"))
                .findFirst().orElseThrow();
    }
}
