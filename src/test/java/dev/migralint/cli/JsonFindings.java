package dev.migralint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The findings of a run's JSON report as short strings, for tests that compare them as lists. */
final class JsonFindings {
    private JsonFindings() {
    }

    /** {@code render} of each finding of one of the {@code rules}, in report order. */
    static List<String> of(ProcessCli.Run r, Set<String> rules, Function<JsonNode, String> render) throws IOException {
        return of(r, f -> rules.contains(f.get("rule").asText()), render);
    }

    /** {@code render} of each finding {@code keep} accepts, in report order. */
    static List<String> of(ProcessCli.Run r, Predicate<JsonNode> keep, Function<JsonNode, String> render)
            throws IOException {
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        for (JsonNode file : root.get("files")) {
            for (JsonNode f : file.get("findings")) {
                if (keep.test(f)) {
                    out.add(render.apply(f));
                }
            }
        }
        return out;
    }

    /** "rule line". */
    static String ruleLine(JsonNode f) {
        return f.get("rule").asText() + " " + f.get("line").asInt();
    }

    /** "file-name rule line", the file without its directories. */
    static String fileRuleLine(JsonNode f) {
        return fileName(f) + " " + ruleLine(f);
    }

    /** "path rule line", the path as reported. */
    static String pathRuleLine(JsonNode f) {
        return f.get("path").asText() + " " + ruleLine(f);
    }

    static String fileName(JsonNode f) {
        String path = f.get("path").asText();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static boolean suppressed(JsonNode f) {
        return f.get("suppressed") != null && f.get("suppressed").asBoolean();
    }
}
