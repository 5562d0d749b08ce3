package dev.migralint.docs;

import dev.migralint.rules.RuleSet;
import dev.migralint.workspace.Runners;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/rules.md, docs/runners.md and the README's rule table are generated from rules/ and runners/; this fails when the checked-in copies are stale. */
class DocsFreshnessTest {
    private static final String HOW = " is stale: run bin/update-docs and commit the result";

    @Test
    void rulesReferenceIsCurrent() throws Exception {
        String expected = RuleReference.reference(RuleSet.bundled());
        String actual = Files.readString(Path.of("docs/rules.md"), StandardCharsets.UTF_8);
        assertEquals(expected, actual, "docs/rules.md" + HOW);
    }

    @Test
    void runnersReferenceIsCurrent() throws Exception {
        String expected = RunnerDocs.reference(Runners.bundled());
        String actual = Files.readString(Path.of("docs/runners.md"), StandardCharsets.UTF_8);
        assertEquals(expected, actual, "docs/runners.md" + HOW);
    }

    @Test
    void readmeRuleTableIsCurrent() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertEquals(UpdateDocs.withTable(readme, RuleSet.bundled()), readme, "README.md's rule table" + HOW);
    }
}
