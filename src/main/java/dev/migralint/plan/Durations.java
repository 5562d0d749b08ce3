package dev.migralint.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.sql.op.Operation;
import dev.migralint.stats.SizeWords;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The duration column of the runbook. Observed times come from a {@code migralint verify --format json} report; without
 * one, a statement that rewrites, scans or indexes a table the statistics snapshot holds gets a rough estimate from the
 * table's size (heap and indexes) at an assumed throughput — an order of magnitude, not a measurement: the server's
 * disks, its load and the lock wait before the statement starts all change it. Anything else is unknown.
 */
public final class Durations {
    /** Assumed rate of a table rewrite (copy the heap, rebuild every index, write WAL): not measured. */
    public static final long ASSUMED_REWRITE_BYTES_PER_SECOND = 50L * 1024 * 1024;
    /** Assumed rate of a full sequential scan (a validation, a check of every row): not measured. */
    public static final long ASSUMED_SCAN_BYTES_PER_SECOND = 200L * 1024 * 1024;
    /** Assumed rate of an index build (scan, sort, write the index); CONCURRENTLY scans twice: not measured. */
    public static final long ASSUMED_INDEX_BUILD_BYTES_PER_SECOND = 50L * 1024 * 1024;

    public static final Durations NONE = new Durations(Map.of(), null);

    /** By path (as verify printed it), then statement index: the statement's observed time in microseconds. */
    private final Map<String, Map<Integer, Long>> observed;
    private final String origin;

    private Durations(Map<String, Map<Integer, Long>> observed, String origin) {
        this.observed = observed;
        this.origin = origin;
    }

    /**
     * The up statements' times of a {@code migralint verify --format json} report. A file that is not such a report
     * is an error naming the file (and the line, for JSON that does not parse).
     */
    public static Durations fromVerifyReport(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(read(file));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IOException(file + (line > 0 ? ":" + line : "") + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("histories").isArray()) {
            throw new IOException(file + ": not a 'migralint verify --format json' report (no \"histories\")");
        }
        Map<String, Map<Integer, Long>> out = new HashMap<>();
        for (JsonNode h : root.path("histories")) {
            for (JsonNode t : h.path("traces")) {
                if (!"up".equals(t.path("direction").asText()) || !t.path("error").isNull() && !t.path("error").isMissingNode()
                        || !t.path("micros").canConvertToLong() || !t.path("path").isTextual()) {
                    continue;
                }
                out.computeIfAbsent(normal(t.path("path").asText()), k -> new HashMap<>())
                        .put(t.path("statementIndex").asInt(-1), t.path("micros").asLong());
            }
        }
        return new Durations(out, file.toString());
    }

    /**
     * The duration of one operation.
     *
     * @param statementIndex its statement's 0-based index in the file
     * @param tableBytes     its table's size from the statistics snapshot, or null (no snapshot, not in it, new table)
     */
    Duration of(String path, int statementIndex, Operation op, boolean rewrites, boolean scans, Long tableBytes) {
        Long micros = observed.getOrDefault(normal(path), Map.of()).get(statementIndex);
        if (micros != null) {
            return new Duration(Duration.Source.OBSERVED, micros / 1e6, "observed " + time(micros / 1e6)
                    + " (migralint verify, " + origin + ")");
        }
        if (tableBytes == null) {
            return Duration.UNKNOWN;
        }
        String what;
        long rate;
        if (rewrites) {
            what = "rewritten";
            rate = ASSUMED_REWRITE_BYTES_PER_SECOND;
        } else if (op instanceof Operation.CreateIndex || op instanceof Operation.Reindex) {
            what = "indexed";
            rate = ASSUMED_INDEX_BUILD_BYTES_PER_SECOND;
        } else if (scans) {
            what = "scanned";
            rate = ASSUMED_SCAN_BYTES_PER_SECOND;
        } else {
            return Duration.UNKNOWN;
        }
        double seconds = (double) tableBytes / rate;
        return new Duration(Duration.Source.ESTIMATED, seconds, "~" + time(seconds) + ", estimated: "
                + SizeWords.bytes(tableBytes) + " " + what + " at an assumed " + SizeWords.bytes(rate) + "/s");
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the verify report (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String time(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    private static String normal(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }
}
