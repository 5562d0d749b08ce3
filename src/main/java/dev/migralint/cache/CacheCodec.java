package dev.migralint.cache;

import dev.migralint.analysis.Lock;
import dev.migralint.config.Severity;
import dev.migralint.report.RunTotals;
import dev.migralint.rules.Finding;
import dev.migralint.rules.FixSpec;
import dev.migralint.rules.Suppression;
import dev.migralint.sql.Span;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
    public static final int FORMAT = 2;
    private static final int MAX_COUNT = 10_000_000;
    private static final int MAX_DEPTH = 64;
    /** Tags of the values a fix's arguments hold (rule YAML: strings, numbers, booleans, lists, maps). */
    private static final int NULL = 0, STRING = 1, INT = 2, LONG = 3, BOOL = 4, DOUBLE = 5, LIST = 6, MAP = 7;

    private final Map<String, Integer> written = new HashMap<>();
    private final List<String> read = new ArrayList<>();
    private ByteArrayOutputStream buffer;
    private DataOutputStream out;
    private DataInputStream in;

    private CacheCodec() {
    }

    public static byte[] encode(LintEntry entry) throws IOException {
        CacheCodec c = writer();
        c.out.writeInt(entry.statementCount());
        c.writeFindings(entry.findings());
        c.out.writeInt(entry.changedTables().size());
        for (Map.Entry<String, Map<String, String>> table : entry.changedTables().entrySet()) {
            c.writeString(table.getKey());
            c.writeStringMap(table.getValue());
        }
        c.writeStrings(entry.droppedTables());
        return c.bytes();
    }

    public static LintEntry decodeEntry(byte[] bytes) throws IOException {
        CacheCodec c = reader(bytes);
        int statements = c.in.readInt();
        List<Finding> findings = c.readFindings();
        int n = c.count();
        Map<String, Map<String, String>> changed = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            changed.put(c.readString(), c.readStringMap());
        }
        List<String> dropped = c.readStrings();
        c.end();
        return new LintEntry(statements, findings, Collections.unmodifiableMap(changed), dropped);
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
        CacheCodec c = new CacheCodec();
        c.buffer = new ByteArrayOutputStream(1024);
        c.out = new DataOutputStream(c.buffer);
        return c;
    }

    private static CacheCodec reader(byte[] bytes) {
        CacheCodec c = new CacheCodec();
        c.in = new DataInputStream(new ByteArrayInputStream(bytes));
        return c;
    }

    private byte[] bytes() throws IOException {
        out.flush();
        return buffer.toByteArray();
    }

    private void end() throws IOException {
        if (in.read() != -1) {
            throw new IOException("trailing bytes");
        }
    }

    // ------------------------------------------------------------------------------------------------ report entries

    /** A report entry: the file's nine totals, the length of the printed bytes, then those bytes. */
    private static final int TOTALS = 9 * Long.BYTES;
    private static final int PRINTED_AT = TOTALS + Integer.BYTES;

    public static byte[] encodeReport(RunTotals totals, byte[] printed) {
        ByteBuffer b = ByteBuffer.allocate(PRINTED_AT + printed.length);
        b.putLong(totals.files()).putLong(totals.statements()).putLong(totals.errors()).putLong(totals.warnings())
                .putLong(totals.notices()).putLong(totals.ignoredInline()).putLong(totals.baselined())
                .putLong(totals.filesWithWarnings()).putLong(totals.filesFailing()).putInt(printed.length).put(printed);
        return b.array();
    }

    /** The report entry in {@code v}, its printed bytes a view of {@code v}; null when {@code v} is not one. */
    public static ReportEntry decodeReport(ByteBuffer v, Supplier<byte[]> encodedFindings) {
        if (v.remaining() < PRINTED_AT) {
            return null;
        }
        int n = v.getInt(TOTALS);
        if (n != v.remaining() - PRINTED_AT) {
            return null;
        }
        long[] t = new long[9];
        for (int i = 0; i < t.length; i++) {
            t[i] = v.getLong(i * Long.BYTES);
        }
        RunTotals totals = new RunTotals(null, 0, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]);
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
            writeString(f.ruleId());
            out.writeByte(f.severity() == null ? -1 : f.severity().ordinal());
            writeString(f.path());
            writeSpan(f.span());
            writeSpan(f.statementSpan());
            out.writeInt(f.line());
            out.writeInt(f.column());
            out.writeInt(f.endLine());
            out.writeInt(f.endColumn());
            writeString(f.message());
            writeString(f.help());
            writeLock(f.lock());
            writeFix(f.fix());
            out.writeInt(f.statementIndex());
            out.writeInt(f.operationIndex());
            writeSuppression(f.suppressedBy());
            out.writeBoolean(f.unchangedLine());
            writeString(f.direction());
        }
    }

    private List<Finding> readFindings() throws IOException {
        int n = count();
        List<Finding> findings = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            String ruleId = readString();
            int severity = in.readByte();
            Severity[] severities = Severity.values();
            if (severity < -1 || severity >= severities.length) {
                throw new IOException("bad severity " + severity);
            }
            findings.add(new Finding(ruleId, severity < 0 ? null : severities[severity], readString(), readSpan(),
                    readSpan(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), readString(), readString(),
                    readLock(), readFix(), in.readInt(), in.readInt(), readSuppression(), in.readBoolean(),
                    readString()));
        }
        return Collections.unmodifiableList(findings);
    }

    private void writeSpan(Span s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeInt(s.start());
            out.writeInt(s.end());
        }
    }

    private Span readSpan() throws IOException {
        return in.readBoolean() ? new Span(in.readInt(), in.readInt()) : null;
    }

    private void writeLock(Lock l) throws IOException {
        out.writeBoolean(l != null);
        if (l != null) {
            writeString(l.mode());
            writeString(l.blocks());
            out.writeBoolean(l.rewrites());
            out.writeBoolean(l.scans());
        }
    }

    private Lock readLock() throws IOException {
        return in.readBoolean() ? new Lock(readString(), readString(), in.readBoolean(), in.readBoolean()) : null;
    }

    private void writeFix(FixSpec f) throws IOException {
        out.writeBoolean(f != null);
        if (f != null) {
            writeString(f.name());
            writeValue(f.args(), 0);
        }
    }

    @SuppressWarnings("unchecked")
    private FixSpec readFix() throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String name = readString();
        Object args = readValue(0);
        if (args != null && !(args instanceof Map<?, ?>)) {
            throw new IOException("fix arguments are not a map");
        }
        return new FixSpec(name, (Map<String, Object>) args);
    }

    private void writeSuppression(Suppression s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeStrings(s.ruleIds());
            writeString(s.reason());
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
        List<String> ids = readStrings();
        String reason = readString();
        int line = in.readInt();
        int statement = in.readInt();
        boolean fileLevel = in.readBoolean();
        Span span = readSpan();
        int origin = in.readUnsignedByte();
        Suppression.Origin[] origins = Suppression.Origin.values();
        if (origin >= origins.length) {
            throw new IOException("bad suppression origin " + origin);
        }
        return new Suppression(ids, reason, line, statement, fileLevel, span, origins[origin]);
    }

    // ------------------------------------------------------------------------------------------------ plain values

    /** A fix argument: what rule YAML holds. */
    private void writeValue(Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("value nested too deeply");
        }
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(s);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOL);
            out.writeBoolean(b);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof List<?> l) {
            out.writeByte(LIST);
            out.writeInt(l.size());
            for (Object x : l) {
                writeValue(x, depth + 1);
            }
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte(MAP);
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IOException("a map key that is not a string");
                }
                writeString(key);
                writeValue(e.getValue(), depth + 1);
            }
        } else {
            throw new IOException("cannot cache a " + v.getClass().getName());
        }
    }

    private Object readValue(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("value nested too deeply");
        }
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return readString();
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case BOOL:
                return in.readBoolean();
            case DOUBLE:
                return in.readDouble();
            case LIST: {
                int n = count();
                List<Object> l = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    l.add(readValue(depth + 1));
                }
                return Collections.unmodifiableList(l);
            }
            case MAP: {
                int n = count();
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(readString(), readValue(depth + 1));
                }
                return Collections.unmodifiableMap(m);
            }
            default:
                throw new IOException("bad tag " + tag);
        }
    }

    private void writeStrings(List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(s);
        }
    }

    private List<String> readStrings() throws IOException {
        int n = count();
        List<String> l = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            l.add(readString());
        }
        return Collections.unmodifiableList(l);
    }

    private void writeStringMap(Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            writeString(e.getKey());
            writeString(e.getValue());
        }
    }

    private Map<String, String> readStringMap() throws IOException {
        int n = count();
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(readString(), readString());
        }
        return Collections.unmodifiableMap(m);
    }

    /** -1: null; -2 - k: the k-th string written before; else a new string of that many UTF-8 bytes. */
    private void writeString(String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        Integer ref = written.get(s);
        if (ref != null) {
            out.writeInt(-2 - ref);
            return;
        }
        written.put(s, written.size());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private String readString() throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < -1) {
            int ref = -2 - n;
            if (ref >= read.size()) {
                throw new IOException("bad string reference");
            }
            return read.get(ref);
        }
        if (n > in.available()) {
            throw new IOException("truncated string");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        String s = new String(bytes, StandardCharsets.UTF_8);
        read.add(s);
        return s;
    }

    private int count() throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
