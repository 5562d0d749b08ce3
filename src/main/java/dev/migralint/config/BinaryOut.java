package dev.migralint.config;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one binary layout of migralint's stored values (the rule index, the result cache), writing side: primitives,
 * strings (each written once, then referred to by number), lists of strings, and the plain values YAML gives (what
 * {@link SafeYaml} produces: strings, numbers, booleans, lists, maps). {@link BinaryIn} reads it back.
 */
public final class BinaryOut {
    static final int NULL = 0, STRING = 1, TRUE = 2, FALSE = 3, LONG = 4, DOUBLE = 5, LIST = 6, INT = 7, MAP = 8;

    private final DataOutputStream out;
    private final Map<String, Integer> written = new HashMap<>();

    public BinaryOut(DataOutputStream out) {
        this.out = out;
    }

    public void writeByte(int v) throws IOException {
        out.writeByte(v);
    }

    public void writeBoolean(boolean v) throws IOException {
        out.writeBoolean(v);
    }

    public void writeInt(int v) throws IOException {
        out.writeInt(v);
    }

    public void writeDouble(double v) throws IOException {
        out.writeDouble(v);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** -1: null; -2 - k: the k-th string written before; else that many bytes of UTF-8 (writeUTF stops at 64 KB). */
    public void string(String s) throws IOException {
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
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public void strings(List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            string(s);
        }
    }

    /** A map of plain values by string keys. */
    public void map(Map<String, ?> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, ?> e : m.entrySet()) {
            string(e.getKey());
            value(e.getValue());
        }
    }

    /** A plain value: null, a string, a boolean, an int, a long, a double, or a list or string-keyed map of them. */
    public void value(Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            string(s);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                value(o);
            }
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte(MAP);
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IOException("a map key that is not a string: " + e.getKey());
                }
                string(key);
                value(e.getValue());
            }
        } else {
            throw new IOException("cannot store a " + v.getClass().getName() + " value: " + v);
        }
    }
}
