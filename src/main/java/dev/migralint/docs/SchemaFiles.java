package dev.migralint.docs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.rules.FixSpec;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.sql.op.OperationCatalog.FactInfo;
import dev.migralint.sql.op.OperationCatalog.KindInfo;
import dev.migralint.workspace.Framework;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Schemas under {@code schemas/}, for editor completion of {@code .migralint.yml} and rule files. They are
 * written by hand, except for the vocabulary taken from the code, which {@code bin/update-docs} refreshes: the
 * operation kinds and their facts, the named fixes and the migration runners. A test fails when the checked-in
 * copies are stale.
 */
public final class SchemaFiles {
    public static final String RULE_SCHEMA = "schemas/migralint-rule.schema.json";
    public static final String CONFIG_SCHEMA = "schemas/migralint-config.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaFiles() {
    }

    /** Refreshes both schema files under the repository root. */
    public static void update(Path root) throws IOException {
        for (String name : List.of(RULE_SCHEMA, CONFIG_SCHEMA)) {
            Path file = root.resolve(name);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String updated = name.equals(RULE_SCHEMA) ? ruleSchema(text) : configSchema(text);
            if (!updated.equals(text)) {
                Files.writeString(file, updated, StandardCharsets.UTF_8);
            }
        }
    }

    /** The rule schema with its kind, fact, fix and framework lists taken from the code. */
    public static String ruleSchema(String current) {
        ObjectNode root = parse(current);
        ObjectNode defs = defs(root);
        defs.set("kind", choices("an operation kind (migralint rules --facts lists them with their facts)", kinds()));
        defs.set("fact", choices("a fact of the matched kind, or a context fact every operation has", facts()));
        defs.set("fix", enumOf("a named rewrite", FixSpec.KNOWN));
        defs.set("framework", enumOf("a migration runner", frameworks()));
        defs.set("history-fact", choices("a migration-history fact, for an example's history: map", historyFacts()));
        return print(root);
    }

    /** The facts of migration-history operations, which an example's history: map sets. */
    public static Map<String, String> historyFacts() {
        Map<String, String> out = new LinkedHashMap<>();
        KindInfo history = OperationCatalog.get().kind("migration-history");
        if (history != null) {
            for (FactInfo f : history.facts().values()) {
                out.put(f.name(), f.doc());
            }
        }
        return out;
    }

    /** The configuration schema with its framework list taken from the code. */
    public static String configSchema(String current) {
        ObjectNode root = parse(current);
        defs(root).set("framework", enumOf("a migration runner", frameworks()));
        return print(root);
    }

    /** Operation kinds with their docs, in catalogue order. */
    public static Map<String, String> kinds() {
        Map<String, String> out = new LinkedHashMap<>();
        for (KindInfo k : OperationCatalog.get().kinds()) {
            out.put(k.name(), k.doc());
        }
        return out;
    }

    /** Every fact name any kind has, plus the context facts, sorted, with the first doc found for it. */
    public static Map<String, String> facts() {
        Map<String, String> out = new TreeMap<>();
        for (KindInfo k : OperationCatalog.get().kinds()) {
            for (FactInfo f : k.facts().values()) {
                out.putIfAbsent(f.name(), f.doc());
            }
        }
        for (Map.Entry<String, String> e : ContextFacts.docs().entrySet()) {
            out.put(e.getKey(), e.getValue() + " (context fact)");
        }
        return out;
    }

    public static List<String> frameworks() {
        List<String> out = new ArrayList<>();
        for (Framework f : Framework.values()) {
            out.add(f.id());
        }
        return out;
    }

    private static ObjectNode choices(String description, Map<String, String> values) {
        ObjectNode node = JSON.createObjectNode();
        node.put("description", description);
        ArrayNode any = node.putArray("anyOf");
        for (Map.Entry<String, String> e : values.entrySet()) {
            ObjectNode c = any.addObject();
            c.put("const", e.getKey());
            c.put("description", e.getValue());
        }
        return node;
    }

    private static ObjectNode enumOf(String description, List<String> values) {
        ObjectNode node = JSON.createObjectNode();
        node.put("description", description);
        ArrayNode e = node.putArray("enum");
        values.forEach(e::add);
        return node;
    }

    private static ObjectNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!(node instanceof ObjectNode o)) {
                throw new IllegalArgumentException("a schema must be a JSON object");
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode defs(ObjectNode root) {
        JsonNode defs = root.get("$defs");
        if (defs instanceof ObjectNode o) {
            return o;
        }
        return root.putObject("$defs");
    }

    /** Two-space indented JSON with one array item per line and a final newline. */
    static String print(JsonNode node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            JSON.writeTree(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }
}
