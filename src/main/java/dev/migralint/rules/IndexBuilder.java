package dev.migralint.rules;

import dev.migralint.config.BuildInputs;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.Runners;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step (after compile, see pom.xml): writes the operation catalogue, the compiled bundled rules and the bundled
 * runner descriptors' texts into the classes directory, so that a run reads neither the annotations nor the rules'
 * YAML, and finds the runner descriptors without listing the jar. A rule that fails to compile fails the build with
 * its file and line.
 */
public final class IndexBuilder {
    private IndexBuilder() {
    }

    /** {@code args[0]}: the classes directory (target/classes), holding the compiled classes and rules/. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: IndexBuilder CLASSES_DIR");
        }
        Path classes = Path.of(args[0]);
        BuildInputs catalogInputs = BuildInputs.scan(classes, List.of(OperationCatalog.SOURCES), List.of());
        write(classes.resolve(OperationCatalog.RESOURCE), out -> OperationCatalog.writeIndex(out, catalogInputs));

        BuildInputs runnerInputs = BuildInputs.scan(classes, Runners.SOURCES, List.of());
        write(classes.resolve(Runners.INDEX), out -> Runners.writeIndex(out, runnerInputs, classes));

        BuildInputs ruleInputs = BuildInputs.scan(classes, RuleIndex.SOURCES, RuleIndex.SINGLE_SOURCES);
        List<Rule> rules = new ArrayList<>();
        for (BuildInputs.Input in : ruleInputs.inputs()) {
            if (in.name().startsWith("rules/")) {
                String text = Files.readString(classes.resolve(in.name()), StandardCharsets.UTF_8);
                try {
                    rules.add(RuleLoader.load(in.name(), text));
                } catch (RuleLoadException e) {
                    // exec-maven-plugin prints only the message: make it name the file and line.
                    throw new IllegalStateException(e.describe(), e);
                }
            }
        }
        ByteArrayOutputStream docs = new ByteArrayOutputStream();
        write(classes.resolve(RuleIndex.RESOURCE), out -> RuleIndex.write(out, new DataOutputStream(docs), ruleInputs, rules));
        write(classes.resolve(RuleIndex.DOCS_RESOURCE), out -> out.write(docs.toByteArray()));
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Through a temporary file, so that an interrupted build leaves no half index. */
    private static void write(Path target, Body body) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            body.write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
