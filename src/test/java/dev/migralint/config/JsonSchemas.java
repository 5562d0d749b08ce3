package dev.migralint.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The published JSON Schemas (schemas/*.schema.json) loaded with a draft 2020-12 validator, and YAML turned into the
 * JSON tree the schema sees — read through {@link SafeYaml}, so the schema judges exactly what migralint reads.
 */
public final class JsonSchemas {
    public static final Path RULE = Path.of("schemas/migralint-rule.schema.json");
    public static final Path CONFIG = Path.of("schemas/migralint-config.schema.json");

    private JsonSchemas() {
    }

    public static Schema load(Path schemaFile) throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return registry.getSchema(new ByteArrayInputStream(Files.readAllBytes(schemaFile)));
    }

    /** Validation errors of a YAML document against a schema, one line each; empty when it validates. */
    public static List<String> errors(Schema schema, String yamlName, String yaml) throws ConfigException {
        List<Error> errors = schema.validate(toJson(SafeYaml.parse(yamlName, yaml)));
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    @SuppressWarnings("unchecked")
    public static JsonNode toJson(SafeYaml.Located node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Object v = node.value();
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<String, SafeYaml.Located> e : ((Map<String, SafeYaml.Located>) map).entrySet()) {
                o.set(e.getKey(), toJson(e.getValue()));
            }
            return o;
        }
        if (v instanceof List<?> list) {
            ArrayNode a = f.arrayNode();
            for (SafeYaml.Located item : (List<SafeYaml.Located>) list) {
                a.add(toJson(item));
            }
            return a;
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof Long l) {
            return f.numberNode(l);
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        return f.stringNode(String.valueOf(v));
    }

    /** The values a $defs entry allows: its enum, or the consts of its anyOf. */
    public static List<String> vocabulary(Path schemaFile, String def) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(schemaFile, StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode node = root.path("$defs").path(def);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (node.has("enum")) {
            node.get("enum").forEach(n -> out.add(n.asText()));
        }
        if (node.has("anyOf")) {
            node.get("anyOf").forEach(n -> {
                if (n.has("const")) {
                    out.add(n.get("const").asText());
                }
            });
        }
        return out;
    }

    /** The property names a schema object declares (at a JSON pointer). */
    public static List<String> properties(Path schemaFile, String pointer) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(schemaFile, StandardCharsets.UTF_8));
        java.util.List<String> out = new java.util.ArrayList<>();
        root.at(pointer).path("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }
}
