package dev.migralint.plan;

import dev.migralint.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/plan.md is the runbook {@code migralint plan examples/migrations} writes; this fails when it is stale.
 * Regenerate it with {@code MIGRALINT_UPDATE_PLAN=1 mvn test -Dtest=PlanExamplesTest} (or
 * {@code bin/migralint plan examples/migrations > examples/plan.md}).
 */
class PlanExamplesTest {
    static final Path CHECKED_IN = Path.of("examples/plan.md");

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        return out.toString();
    }

    @Test
    void examplesRunbookIsCurrent() throws Exception {
        String expected = run("plan", "examples/migrations", "--format", "markdown");
        if ("1".equals(System.getenv("MIGRALINT_UPDATE_PLAN"))) {
            Files.writeString(CHECKED_IN, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "examples/plan.md is stale: run MIGRALINT_UPDATE_PLAN=1 mvn test"
                + " -Dtest=PlanExamplesTest and commit the result");
    }

    @Test
    void examplesRunbookNamesTheBackupsAndTheIrreversibleSteps() {
        String md = run("plan", "examples/migrations", "--format", "markdown");
        // The examples drop a column (task_description_drop_avatar): the checklist backs its table up and its
        // rollback restores from that backup.
        assertTrue(md.contains("pg_dump --format=custom --table='\"User\"' --file=backup-User.dump"), md);
        assertTrue(md.contains("IRREVERSIBLE"), md);
        assertTrue(md.contains("DROP INDEX CONCURRENTLY IF EXISTS"), md);
    }
}
