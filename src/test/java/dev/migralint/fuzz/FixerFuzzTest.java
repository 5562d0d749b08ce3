package dev.migralint.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.config.RuleOverrides;
import dev.migralint.fix.FileFix;
import dev.migralint.fix.FixOptions;
import dev.migralint.fix.Fixer;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleSet;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz test of the fixer: any text is linted and fixed without an exception, and the fixer's output is a fixed point
 * (fixing it again changes nothing), as {@link Fixer} promises.
 */
class FixerFuzzTest {
    private static final Fixer FIXER = fixer();

    private static Fixer fixer() {
        try {
            Linter linter = new Linter(RuleSet.bundled(), RuleOverrides.none());
            return new Fixer(linter, AnalysisSettings.defaults(), FixOptions.defaults());
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void fixer(FuzzedDataProvider data) {
        Framework framework = data.pickValue(new Framework[] {Framework.PLAIN, Framework.PRISMA, Framework.FLYWAY});
        String text = data.consumeRemainingAsString();
        FileFix fix = FIXER.fixText("fuzz.sql", text, Dialect.POSTGRESQL, framework);
        assertNotNull(fix.fixed());
        FileFix again = FIXER.fixText("fuzz.sql", fix.fixed(), Dialect.POSTGRESQL, framework);
        assertEquals(fix.fixed(), again.fixed(), "fixing the fixed text again changes it");
    }
}
