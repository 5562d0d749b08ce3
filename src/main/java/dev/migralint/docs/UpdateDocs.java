package dev.migralint.docs;

import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleSet;
import dev.migralint.workspace.Runners;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Regenerates docs/rules.md, docs/runners.md, the README's rule table and the schemas' vocabulary ({@code bin/update-docs}). */
public final class UpdateDocs {
    private UpdateDocs() {
    }

    public static void main(String[] args) throws IOException, RuleLoadException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        RuleSet rules = RuleSet.bundled();
        Files.writeString(root.resolve("docs/rules.md"), RuleReference.reference(rules), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("docs/runners.md"), RunnerDocs.reference(Runners.bundled()),
                StandardCharsets.UTF_8);
        Path readme = root.resolve("README.md");
        Files.writeString(readme, withTable(Files.readString(readme, StandardCharsets.UTF_8), rules), StandardCharsets.UTF_8);
        SchemaFiles.update(root); // the kind, fact, fix and runner lists in schemas/*.schema.json
    }

    /** The README text with the generated rule table between its markers. */
    public static String withTable(String readme, RuleSet rules) {
        int begin = readme.indexOf(RuleReference.BEGIN);
        int end = readme.indexOf(RuleReference.END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("README.md lacks the rule table markers");
        }
        return readme.substring(0, begin + RuleReference.BEGIN.length()) + "\n" + RuleReference.table(rules, "docs/rules.md")
                + readme.substring(end);
    }
}
