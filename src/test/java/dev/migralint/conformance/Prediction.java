package dev.migralint.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What migralint says about a project: {@code migralint check --format json .} run as its own process in the
 * project's directory, as a user runs it there (detection reads the project's files from the working directory).
 * Only the documented JSON output is read (docs/json-format.md), so these tests keep their meaning whatever the
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

    static Prediction of(Path project) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath(),
                "dev.migralint.cli.Main", "check", "--format", "json", "--no-cache", "."));
        Path out = Files.createTempFile("migralint-json-", ".json");
        Path err = Files.createTempFile("migralint-err-", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("XDG_CACHE_HOME", project.resolve(".cache").toString());
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("migralint check timed out in " + project);
            }
            String json = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() > 1) {
                throw new AssertionError("migralint check exited with " + p.exitValue() + " in " + project + ": "
                        + Files.readString(err, StandardCharsets.UTF_8) + json);
            }
            return new Prediction(new ObjectMapper().readTree(json), json);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The class path with migralint's classes and dependencies (surefire hides it behind a manifest jar). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
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
