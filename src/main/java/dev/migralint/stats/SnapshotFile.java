package dev.migralint.stats;

import dev.migralint.config.AtomicText;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The snapshot file ({@code .migralint/stats.json}): written with sorted keys and one table per line, so that a
 * refresh shows in a diff as the tables whose figures moved; read strictly, so that a corrupt or foreign file is an
 * error naming the file and what is wrong. The layout is described by {@code schemas/migralint-stats.schema.json}.
 */
public final class SnapshotFile {
    public static final String FORMAT = "migralint-stats/1";
    /** Far above any real catalog (a table is about 150 bytes), far below what would hurt to read. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final Set<String> TOP = Set.of("database", "format", "server-version", "tables", "taken");
    private static final Set<String> TABLE = Set.of("deletes", "heap-bytes", "index-bytes", "inserts", "rows", "updates");

    private SnapshotFile() {
    }

    /** The file's text. */
    public static String toJson(StatsSnapshot s) {
        StringBuilder b = new StringBuilder(256 + 160 * s.tables().size());
        b.append("{\n");
        b.append("  \"database\": ").append(quote(s.database())).append(",\n");
        b.append("  \"format\": ").append(quote(FORMAT)).append(",\n");
        b.append("  \"server-version\": ").append(quote(s.serverVersion())).append(",\n");
        b.append("  \"tables\": {");
        int i = 0;
        for (TableStats t : s.tables().values()) {
            b.append(i++ == 0 ? "\n" : ",\n");
            b.append("    ").append(quote(t.name())).append(": {")
                    .append("\"deletes\": ").append(t.deletes())
                    .append(", \"heap-bytes\": ").append(t.heapBytes())
                    .append(", \"index-bytes\": ").append(t.indexBytes())
                    .append(", \"inserts\": ").append(t.inserts())
                    .append(", \"rows\": ").append(t.rows())
                    .append(", \"updates\": ").append(t.updates())
                    .append('}');
        }
        b.append(i == 0 ? "},\n" : "\n  },\n");
        b.append("  \"taken\": ").append(quote(s.taken().toString())).append('\n');
        b.append("}\n");
        return b.toString();
    }

    /** Writes through a temporary file and a rename, creating the directory (a half-written snapshot is never read). */
    public static void write(Path file, StatsSnapshot s) throws StatsException {
        Path target = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target.getParent());
            AtomicText.write(target, ".stats-", toJson(s));
        } catch (IOException | RuntimeException e) {
            throw new StatsException("cannot write " + file + ": " + e.getMessage());
        }
    }

    public static StatsSnapshot read(Path file) throws StatsException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new StatsException(file + ": too large for a statistics snapshot (over "
                        + (MAX_BYTES >> 20) + " MB)");
            }
            byte[] bytes = Files.readAllBytes(file);
            var decoder = StandardCharsets.UTF_8.newDecoder();
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StatsException(file + ": not a migralint statistics snapshot (not UTF-8 text)");
        } catch (IOException e) {
            throw new StatsException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses a snapshot's text; {@code name} is the file, for messages. */
    public static StatsSnapshot parse(String name, String text) throws StatsException {
        ObjectMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new StatsException(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not a migralint statistics snapshot (invalid JSON: " + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new StatsException(name + ": not a migralint statistics snapshot (expected \"format\": \"" + FORMAT
                    + "\"; write one with 'migralint stats --database-url URL')");
        }
        unknownKeys(name, "", root, TOP);
        LocalDate taken;
        try {
            taken = LocalDate.parse(text(name, root, "taken"));
        } catch (DateTimeParseException e) {
            throw new StatsException(name + ": \"taken\" must be a date such as 2026-11-30");
        }
        String version = text(name, root, "server-version");
        String database = text(name, root, "database");
        JsonNode tables = root.get("tables");
        if (tables == null || !tables.isObject()) {
            throw new StatsException(name + ": \"tables\" must be an object of tables by schema.name");
        }
        Map<String, TableStats> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "tables." + e.getKey();
            JsonNode t = e.getValue();
            if (!t.isObject()) {
                throw new StatsException(name + ": " + where + " must be an object");
            }
            unknownKeys(name, where + ".", t, TABLE);
            out.put(e.getKey(), new TableStats(e.getKey(), count(name, where, t, "rows", true),
                    count(name, where, t, "heap-bytes", false), count(name, where, t, "index-bytes", false),
                    count(name, where, t, "inserts", true), count(name, where, t, "updates", true),
                    count(name, where, t, "deletes", true)));
        }
        return new StatsSnapshot(taken, version, database, out);
    }

    private static void unknownKeys(String name, String prefix, JsonNode node, Set<String> known) throws StatsException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new StatsException(name + ": unknown key \"" + prefix + k + "\" (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        for (String k : known) {
            if (!node.has(k)) {
                throw new StatsException(name + ": \"" + prefix + k + "\" is missing");
            }
        }
    }

    private static String text(String name, JsonNode root, String key) throws StatsException {
        JsonNode v = root.get(key);
        if (v == null || !v.isTextual()) {
            throw new StatsException(name + ": \"" + key + "\" must be a string");
        }
        return v.asText();
    }

    private static Long count(String name, String where, JsonNode t, String key, boolean nullable) throws StatsException {
        JsonNode v = t.get(key);
        if (v.isNull() && nullable) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new StatsException(name + ": " + where + "." + key + " must be a whole number of at least 0"
                    + (nullable ? " or null" : ""));
        }
        return v.asLong();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** For tests: the keys each table entry has. */
    static List<String> tableKeys() {
        return List.copyOf(new TreeSet<>(TABLE));
    }
}
