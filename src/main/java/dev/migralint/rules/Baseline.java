package dev.migralint.rules;

import dev.migralint.config.AtomicText;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Lexer;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.Span;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Findings accepted as they are today, so that a run reports only new ones ({@code check --baseline FILE}, written
 * with {@code --write-baseline FILE}).
 *
 * <p>A finding is keyed by its file's path, its rule, a fingerprint of its statement's normalised text (significant
 * tokens only: no comments, whitespace collapsed, unquoted words lower-cased) and its occurrence among the findings of
 * that file with the same rule and fingerprint. Line numbers play no part, so adding or moving lines keeps a finding
 * baselined, while editing the statement reports it again. Findings not tied to a statement (the whole file could not
 * be analysed) use the fingerprint {@code file}.
 *
 * <p>The file is JSON, sorted by path, rule, fingerprint and occurrence, so that it diffs well and a rewrite of the
 * same findings is byte-identical.
 */
public final class Baseline {
    public static final int FORMAT_VERSION = 1;
    private static final int MAX_BYTES = 50 * 1024 * 1024;

    /** One baselined finding. {@code excerpt} is the start of the statement, for people reading the file. */
    public record Entry(String path, String rule, String fingerprint, int occurrence, String excerpt) {
        Key key() {
            return new Key(path, rule, fingerprint, occurrence);
        }
    }

    private record Key(String path, String rule, String fingerprint, int occurrence) {}

    /** A baseline file that cannot be used. */
    public static final class BaselineException extends Exception {
        public BaselineException(String message) {
            super(message);
        }
    }

    private final Set<Key> keys;
    private final int size;

    private Baseline(List<Entry> entries) {
        this.keys = new HashSet<>();
        entries.forEach(e -> keys.add(e.key()));
        this.size = entries.size();
    }

    public int size() {
        return size;
    }

    public static Baseline of(List<Entry> entries) {
        return new Baseline(entries);
    }

    /** Reads a baseline file written by {@link #write}. */
    public static Baseline read(Path file) throws BaselineException {
        if (!Files.isRegularFile(file)) {
            throw new BaselineException(file + ": baseline file does not exist (create it with "
                    + "'migralint check --write-baseline " + file + "')");
        }
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BaselineException(file + ": baseline file is larger than " + MAX_BYTES + " bytes");
            }
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).build()).build();
            root = new ObjectMapper(factory).readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                    ? ":" + jpe.getLocation().getLineNr() : "";
            // Nothing of the file is quoted: a mistyped path may name a file that is not ours (baseline: /etc/shadow),
            // and the parser's message would echo its first token.
            throw new BaselineException(file + where + ": not a migralint baseline: "
                    + (e instanceof JsonProcessingException ? "not valid JSON"
                    : e instanceof CharacterCodingException ? "not UTF-8 text"
                    : "cannot read it (" + e.getClass().getSimpleName() + ")"));
        }
        if (root == null || !root.isObject() || !root.path("findings").isArray()) {
            throw new BaselineException(file + ": not a migralint baseline (expected an object with a \"findings\" array)");
        }
        int version = root.path("version").asInt(FORMAT_VERSION);
        if (version > FORMAT_VERSION) {
            throw new BaselineException(file + ": baseline format version " + version
                    + " is newer than this migralint understands (" + FORMAT_VERSION + ")");
        }
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root.get("findings")) {
            if (!n.path("path").isTextual() || !n.path("rule").isTextual() || !n.path("fingerprint").isTextual()) {
                throw new BaselineException(file + ": findings[" + i + "] needs \"path\", \"rule\" and \"fingerprint\"");
            }
            entries.add(new Entry(n.get("path").asText(), n.get("rule").asText(), n.get("fingerprint").asText(),
                    n.path("occurrence").asInt(0), n.path("excerpt").asText(null)));
            i++;
        }
        return new Baseline(entries);
    }

    /** The entries for every finding of a run not already silenced inline, sorted. */
    public static List<Entry> entries(RunResult result) {
        List<Entry> out = new ArrayList<>();
        for (FileResult file : result.files()) {
            Map<String, Integer> seen = new HashMap<>();
            for (Finding f : inOrder(file)) {
                if (f.suppressed() && !f.suppressedBy().baseline()) {
                    continue;
                }
                String[] fp = fingerprint(file, f);
                int occurrence = seen.merge(f.ruleId() + "\u0000" + fp[0], 1, Integer::sum) - 1;
                out.add(new Entry(f.path(), f.ruleId(), fp[0], occurrence, fp[1]));
            }
        }
        out.sort(Comparator.comparing(Entry::path).thenComparing(Entry::rule).thenComparing(Entry::fingerprint)
                .thenComparingInt(Entry::occurrence));
        return out;
    }

    /** The run with every finding in this baseline silenced (reported as suppressed by the baseline). */
    public RunResult apply(RunResult result, String displayName) {
        List<FileResult> files = new ArrayList<>(result.files().size());
        for (FileResult file : result.files()) {
            Map<String, Integer> seen = new HashMap<>();
            Map<Finding, Boolean> baselined = new IdentityHashMap<>();
            for (Finding f : inOrder(file)) {
                if (f.suppressed()) {
                    continue;
                }
                String fp = fingerprint(file, f)[0];
                int occurrence = seen.merge(f.ruleId() + "\u0000" + fp, 1, Integer::sum) - 1;
                if (keys.contains(new Key(f.path(), f.ruleId(), fp, occurrence))) {
                    baselined.put(f, Boolean.TRUE);
                }
            }
            if (baselined.isEmpty()) {
                files.add(file);
                continue;
            }
            List<Finding> findings = new ArrayList<>(file.findings().size());
            for (Finding f : file.findings()) {
                findings.add(baselined.containsKey(f) ? f.suppressedBy(Suppression.baseline(f.ruleId(), displayName)) : f);
            }
            files.add(file.withFindings(findings));
        }
        return new RunResult(files, result.failOn(), result.elapsedMillis());
    }

    /** Writes the baseline for a run's findings atomically; returns how many findings it holds. */
    public static int write(Path file, RunResult result) throws IOException {
        List<Entry> entries = entries(result);
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        AtomicText.write(abs, "." + abs.getFileName(), toJson(entries));
        return entries.size();
    }

    static String toJson(List<Entry> entries) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeStringField("comment", "Findings accepted by 'migralint check --write-baseline'. Only new findings are reported.");
            g.writeNumberField("version", FORMAT_VERSION);
            g.writeArrayFieldStart("findings");
            for (Entry e : entries) {
                g.writeStartObject();
                g.writeStringField("path", e.path());
                g.writeStringField("rule", e.rule());
                g.writeStringField("fingerprint", e.fingerprint());
                g.writeNumberField("occurrence", e.occurrence());
                if (e.excerpt() != null) {
                    g.writeStringField("excerpt", e.excerpt());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }

    private static List<Finding> inOrder(FileResult file) {
        List<Finding> sorted = new ArrayList<>(file.findings());
        sorted.sort(Comparator.comparingInt((Finding f) -> f.span().start()).thenComparingInt(Finding::line)
                .thenComparing(Finding::ruleId));
        return sorted;
    }

    /**
     * {fingerprint, excerpt} for a finding. The statement's text is re-lexed (always the same way, whatever the
     * file's dialect) rather than taken from the analysis, so that results without an analysis (served from the
     * result cache) fingerprint exactly like fresh ones.
     */
    static String[] fingerprint(FileResult file, Finding f) {
        SourceFile source = file.loaded() == null ? null : file.loaded().source();
        Span span = f.statementSpan() != null && f.statementSpan().length() > 0 ? f.statementSpan() : f.span();
        if (source == null || span == null || span.length() == 0 || span.end() > source.text().length()) {
            return new String[] {"file", null};
        }
        String normal = normalise(Lexer.tokenize(span.of(source.text()), Dialect.POSTGRESQL));
        String excerpt = normal.length() > 80 ? normal.substring(0, 77) + "..." : normal;
        return new String[] {sha256(normal).substring(0, 16), excerpt};
    }

    /** Significant tokens separated by one space; unquoted words lower-cased; comments and whitespace dropped. */
    static String normalise(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            if (t.isTrivia()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(t.type() == TokenType.WORD ? t.text().toLowerCase(Locale.ROOT) : t.text());
        }
        return b.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
