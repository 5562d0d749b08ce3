package dev.migralint.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.migralint.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What migralint says about a project: {@code migralint check --format json} on it. Only the documented JSON
 * output is read (docs/json-format.md), so these tests keep their meaning whatever the
 * model inside becomes.
 */
final class Prediction {
    static final String CONCURRENTLY_IN_TRANSACTION = "concurrently-in-transaction";

    private final JsonNode report;
    private final String json;

    private Prediction(JsonNode report, String json) {
        this.report = report;
        this.json = json;
    }

    /**
     * Checks the project in-process through the command line's entry point. The project gets an empty
     * .migralint.yml (the defaults), passed with --config, so that it is the root of the run as it would be for a
     * user working in it, although the test's working directory is elsewhere.
     */
    static Prediction of(Path project) throws Exception {
        Path config = project.resolve(".migralint.yml");
        if (!Files.exists(config)) {
            Files.writeString(config, "# defaults\n", StandardCharsets.UTF_8);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"check", "--format", "json", "--no-cache", "--config", config.toString(),
                project.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        String json = out.toString();
        if (exit > 1) {
            throw new AssertionError("migralint check exited with " + exit + " in " + project + ": " + err + json);
        }
        return new Prediction(new ObjectMapper().readTree(json), json);
    }

    /** Whether migralint reports that the CONCURRENTLY statement on {@code line} of a file fails in a transaction. */
    boolean concurrentlyInTransaction(String path, int line) {
        for (JsonNode f : findingsOn(path, line)) {
            if (CONCURRENTLY_IN_TRANSACTION.equals(f.path("rule").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The direction migralint gives a line: the {@code direction} of its findings there (a file with an up and a
     * down section), else that of the file; null when neither says.
     */
    String direction(String path, int line) {
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode f : findingsOn(path, line)) {
            if (f.hasNonNull("direction")) {
                seen.add(f.get("direction").asText());
            }
        }
        if (seen.size() > 1) {
            return String.join("+", seen);
        }
        if (seen.size() == 1) {
            return seen.iterator().next();
        }
        JsonNode file = file(path);
        return file != null && file.hasNonNull("direction") ? file.get("direction").asText() : null;
    }

    /** The rules migralint reports on a line, for messages. */
    List<String> rulesOn(String path, int line) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findingsOn(path, line)) {
            out.add(f.path("rule").asText() + (f.hasNonNull("direction") ? "(" + f.get("direction").asText() + ")" : ""));
        }
        return out;
    }

    /** The runner and transaction assumption migralint states for a file, for messages. */
    String about(String path) {
        JsonNode f = file(path);
        if (f == null) {
            return "migralint did not check " + path + " (files: " + paths() + ")";
        }
        return "framework " + f.path("framework").asText("?") + ", transaction: " + f.path("transaction").asText("?");
    }

    private List<JsonNode> findingsOn(String path, int line) {
        JsonNode file = file(path);
        if (file == null) {
            throw new AssertionError("migralint did not check " + path + "; it checked " + paths() + "\n" + json);
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : file.path("findings")) {
            int from = f.path("line").asInt();
            int to = f.path("endLine").asInt(from);
            if (from <= line && line <= to && !f.path("suppressed").asBoolean(false)) {
                out.add(f);
            }
        }
        return out;
    }

    private JsonNode file(String path) {
        for (JsonNode f : report.path("files")) {
            String p = f.path("path").asText();
            if (p.equals(path) || p.endsWith("/" + path)) {
                return f;
            }
        }
        return null;
    }

    private List<String> paths() {
        List<String> out = new ArrayList<>();
        report.path("files").forEach(f -> out.add(f.path("path").asText()));
        return out;
    }
}
