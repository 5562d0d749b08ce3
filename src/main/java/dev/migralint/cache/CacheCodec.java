package dev.migralint.cache;

import dev.migralint.analysis.Lock;
import dev.migralint.config.BinaryIn;
import dev.migralint.config.BinaryOut;
import dev.migralint.config.Severity;
import dev.migralint.report.RuleTallies;
import dev.migralint.report.RunTotals;
import dev.migralint.rules.Finding;
import dev.migralint.rules.FixSpec;
import dev.migralint.rules.Suppression;
import dev.migralint.sql.Span;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The binary form of everything the cache keeps per file, written field by field: a {@link LintEntry}, a report
 * entry's totals and printed bytes, a list of findings and a {@link FileStat}. In an entry, strings are written once
 * and referred to by number afterwards. A change to a layout here must change {@link #FORMAT} (it is part of the build
 * directory's name, so entries in the old layout are never read).
 */
public final class CacheCodec {
    /** Bumped whenever the layout below changes. */
    public static final int FORMAT = 3;
    private final ByteArrayOutputStream buffer;
    private final BinaryOut out;
    private final BinaryIn in;

    private CacheCodec(ByteArrayOutputStream buffer, BinaryIn in) {
        this.buffer = buffer;
        this.out = buffer == null ? null : new BinaryOut(new DataOutputStream(buffer));
        this.in = in;
    }

    public static byte[] encode(LintEntry entry) throws IOException {
        CacheCodec c = writer();
        c.out.writeInt(entry.statementCount());
        c.writeFindings(entry.findings());
        c.out.writeInt(entry.changedTables().size());
        for (Map.Entry<String, Map<String, String>> table : entry.changedTables().entrySet()) {
            c.out.string(table.getKey());
            c.out.map(table.getValue());
        }
        c.out.strings(entry.droppedTables());
        return c.bytes();
    }

    public static LintEntry decodeEntry(byte[] bytes) throws IOException {
        CacheCodec c = reader(bytes);
        int statements = c.in.readInt();
        List<Finding> findings = c.readFindings();
        int n = c.in.count();
        Map<String, Map<String, String>> changed = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            changed.put(c.in.string(), stringMap(c.in.map()));
        }
        List<String> dropped = List.copyOf(c.in.strings());
        c.end();
        return new LintEntry(statements, findings, Collections.unmodifiableMap(changed), dropped);
    }

    /** What {@code bytes} decode to, or null when there are none or they are damaged: the cache then misses. */
    static <T> T decodedOrNull(byte[] bytes, Decoder<T> decoder) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    interface Decoder<T> {
        T decode(byte[] bytes) throws IOException;
    }

    public static byte[] encode(List<Finding> findings) throws IOException {
        CacheCodec c = writer();
        c.writeFindings(findings);
        return c.bytes();
    }

    public static List<Finding> decodeFindings(byte[] bytes) throws IOException {
        CacheCodec c = reader(bytes);
        List<Finding> findings = c.readFindings();
        c.end();
        return findings;
    }

    private static CacheCodec writer() {
        return new CacheCodec(new ByteArrayOutputStream(1024), null);
    }

    private static CacheCodec reader(byte[] bytes) {
        return new CacheCodec(null, new BinaryIn(bytes));
    }

    private byte[] bytes() throws IOException {
        out.flush();
        return buffer.toByteArray();
    }

    private void end() throws IOException {
        in.end();
    }

    // ------------------------------------------------------------------------------------------------ report entries

    /**
     * A report entry: the file's nine totals, the length of the printed bytes, those bytes, then the findings by rule
     * ({@link RuleTallies}) and their length, last.
     */
    private static final int TOTALS = 9 * Long.BYTES;
    private static final int PRINTED_AT = TOTALS + Integer.BYTES;

    public static byte[] encodeReport(RunTotals totals, byte[] printed) {
        byte[] tallies = totals.byRule().encode();
        ByteBuffer b = ByteBuffer.allocate(PRINTED_AT + printed.length + tallies.length + Integer.BYTES);
        b.putLong(totals.files()).putLong(totals.statements()).putLong(totals.errors()).putLong(totals.warnings())
                .putLong(totals.notices()).putLong(totals.ignoredInline()).putLong(totals.baselined())
                .putLong(totals.filesWithWarnings()).putLong(totals.filesFailing()).putInt(printed.length).put(printed)
                .put(tallies).putInt(tallies.length);
        return b.array();
    }

    /** The report entry in {@code v}, its printed bytes a view of {@code v}; null when {@code v} is not one. */
    public static ReportEntry decodeReport(ByteBuffer v, Supplier<byte[]> encodedFindings) {
        if (v.remaining() < PRINTED_AT + Integer.BYTES) {
            return null;
        }
        int n = v.getInt(TOTALS);
        if (n < 0 || n > v.remaining() - PRINTED_AT - Integer.BYTES) {
            return null;
        }
        int tallyLength = v.getInt(v.remaining() - Integer.BYTES);
        if (tallyLength < 0 || tallyLength != v.remaining() - PRINTED_AT - n - Integer.BYTES) {
            return null;
        }
        byte[] tallyBytes = new byte[tallyLength];
        v.get(PRINTED_AT + n, tallyBytes);
        RuleTallies tallies = RuleTallies.decode(tallyBytes);
        if (tallies == null) {
            return null;
        }
        long[] t = new long[9];
        for (int i = 0; i < t.length; i++) {
            t[i] = v.getLong(i * Long.BYTES);
        }
        RunTotals totals = new RunTotals(null, 0, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], tallies);
        return new ReportEntry(totals, v.slice(PRINTED_AT, n), encodedFindings);
    }

    // ------------------------------------------------------------------------------------------------ stat records

    /**
     * A stat record: size, modification time, when it was recorded, the content hash, the runner clues, then the
     * lengths and bytes of the file key and of the path (so that a hash collision of two paths never matches).
     */
    private static final int HASH = 32;
    private static final int HASH_AT = 3 * Long.BYTES;
    private static final int CLUES_AT = HASH_AT + HASH;
    private static final int LENGTHS_AT = CLUES_AT + Integer.BYTES;
    private static final int TEXT_AT = LENGTHS_AT + 2 * Short.BYTES;

    /** The record of {@code stat}, or null when it cannot be kept (then the file is hashed again next time). */
    public static byte[] encodeStat(String absolutePath, FileStat stat) {
        byte[] key = stat.fileKey().getBytes(StandardCharsets.UTF_8);
        byte[] path = absolutePath.getBytes(StandardCharsets.UTF_8);
        if (key.length > 0xffff || path.length > 0xffff || stat.contentHash().length != HASH) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(TEXT_AT + key.length + path.length);
        b.putLong(stat.size()).putLong(stat.modifiedNanos()).putLong(stat.recordedMillis()).put(stat.contentHash())
                .putInt(stat.clues()).putShort((short) key.length).putShort((short) path.length).put(key).put(path);
        return b.array();
    }

    /** The stat record in {@code v} when it is one and is that of {@code absolutePath}, else null. */
    public static FileStat decodeStat(ByteBuffer v, String absolutePath) {
        if (v.remaining() < TEXT_AT) {
            return null;
        }
        byte[] hash = new byte[HASH];
        v.get(HASH_AT, hash);
        int keyLength = v.getShort(LENGTHS_AT) & 0xffff;
        int pathLength = v.getShort(LENGTHS_AT + Short.BYTES) & 0xffff;
        if (v.remaining() != TEXT_AT + keyLength + pathLength) {
            return null;
        }
        byte[] text = new byte[keyLength + pathLength];
        v.get(TEXT_AT, text);
        if (!new String(text, keyLength, pathLength, StandardCharsets.UTF_8).equals(absolutePath)) {
            return null;
        }
        return new FileStat(v.getLong(0), v.getLong(Long.BYTES), new String(text, 0, keyLength, StandardCharsets.UTF_8),
                v.getLong(2 * Long.BYTES), hash, v.getInt(CLUES_AT));
    }

    // ------------------------------------------------------------------------------------------------ findings

    private void writeFindings(List<Finding> findings) throws IOException {
        out.writeInt(findings.size());
        for (Finding f : findings) {
            out.string(f.ruleId());
            out.writeByte(f.severity() == null ? -1 : f.severity().ordinal());
            out.string(f.path());
            writeSpan(f.span());
            writeSpan(f.statementSpan());
            out.writeInt(f.line());
            out.writeInt(f.column());
            out.writeInt(f.endLine());
            out.writeInt(f.endColumn());
            out.string(f.message());
            out.string(f.help());
            writeLock(f.lock());
            writeFix(f.fix());
            out.writeInt(f.statementIndex());
            out.writeInt(f.operationIndex());
            writeSuppression(f.suppressedBy());
            out.writeBoolean(f.unchangedLine());
            out.string(f.direction());
        }
    }

    private List<Finding> readFindings() throws IOException {
        int n = in.count();
        List<Finding> findings = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            String ruleId = in.string();
            int severity = in.readByte();
            Severity[] severities = Severity.values();
            if (severity < -1 || severity >= severities.length) {
                throw new IOException("bad severity " + severity);
            }
            // In the order writeFindings writes them, which is not the order of the groups.
            String path = in.string();
            Span span = readSpan();
            Span statementSpan = readSpan();
            int line = in.readInt();
            int column = in.readInt();
            int endLine = in.readInt();
            int endColumn = in.readInt();
            Finding.Problem problem = new Finding.Problem(ruleId, severity < 0 ? null : severities[severity],
                    in.string(), in.string());
            Lock lock = readLock();
            FixSpec fix = readFix();
            Finding.Location location = new Finding.Location(path, span, statementSpan, line, column, endLine,
                    endColumn, in.readInt(), in.readInt());
            findings.add(new Finding(problem, location, lock, fix,
                    new Finding.Handling(readSuppression(), in.readBoolean(), in.string())));
        }
        return Collections.unmodifiableList(findings);
    }

    /** Writes whether {@code value} is there; the caller writes its fields only if so. */
    private boolean present(Object value) throws IOException {
        out.writeBoolean(value != null);
        return value != null;
    }

    private void writeSpan(Span s) throws IOException {
        if (present(s)) {
            out.writeInt(s.start());
            out.writeInt(s.end());
        }
    }

    private Span readSpan() throws IOException {
        return in.readBoolean() ? new Span(in.readInt(), in.readInt()) : null;
    }

    private void writeLock(Lock l) throws IOException {
        if (present(l)) {
            out.string(l.mode());
            out.string(l.blocks());
            out.writeBoolean(l.rewrites());
            out.writeBoolean(l.scans());
        }
    }

    private Lock readLock() throws IOException {
        return in.readBoolean() ? new Lock(in.string(), in.string(), in.readBoolean(), in.readBoolean()) : null;
    }

    private void writeFix(FixSpec f) throws IOException {
        if (present(f)) {
            out.string(f.name());
            out.map(f.args() == null ? Map.of() : f.args());
        }
    }

    private FixSpec readFix() throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String name = in.string();
        return new FixSpec(name, Collections.unmodifiableMap(in.map()));
    }

    private void writeSuppression(Suppression s) throws IOException {
        if (present(s)) {
            out.strings(s.ruleIds());
            out.string(s.reason());
            out.writeInt(s.line());
            out.writeInt(s.statementIndex());
            out.writeBoolean(s.fileLevel());
            writeSpan(s.span());
            out.writeByte(s.origin().ordinal());
        }
    }

    private Suppression readSuppression() throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        List<String> ids = in.strings();
        String reason = in.string();
        int line = in.readInt();
        int statement = in.readInt();
        boolean fileLevel = in.readBoolean();
        Span span = readSpan();
        int origin = in.readByte() & 0xff;
        Suppression.Origin[] origins = Suppression.Origin.values();
        if (origin >= origins.length) {
            throw new IOException("bad suppression origin " + origin);
        }
        return new Suppression(ids, reason, line, statement, fileLevel, span, origins[origin]);
    }

    /** A table's columns as stored: a map whose values are all strings. */
    private static Map<String, String> stringMap(Map<String, Object> m) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() != null && !(e.getValue() instanceof String)) {
                throw new IOException("a column type that is not a string");
            }
            out.put(e.getKey(), (String) e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }
}
