package dev.migralint.config;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.migralint.config.BinaryOut.DOUBLE;
import static dev.migralint.config.BinaryOut.FALSE;
import static dev.migralint.config.BinaryOut.INT;
import static dev.migralint.config.BinaryOut.LIST;
import static dev.migralint.config.BinaryOut.LONG;
import static dev.migralint.config.BinaryOut.MAP;
import static dev.migralint.config.BinaryOut.NULL;
import static dev.migralint.config.BinaryOut.STRING;
import static dev.migralint.config.BinaryOut.TRUE;

/**
 * Reads what {@link BinaryOut} wrote. Damaged input (a bad tag, count, length or reference, nesting too deep, the
 * end of the input) is an {@link IOException}, never a huge allocation or a stack overflow.
 */
public final class BinaryIn {
    private static final int MAX_COUNT = 10_000_000;
    private static final int MAX_DEPTH = 64;

    private final DataInputStream in;
    /** The longest string the input can hold. */
    private final int maxString;
    private final List<String> read = new ArrayList<>();
    private byte[] buffer = new byte[256];

    public BinaryIn(DataInputStream in) {
        this.in = in;
        this.maxString = Integer.MAX_VALUE - 8;
    }

    public BinaryIn(byte[] bytes) {
        this.in = new DataInputStream(new ByteArrayInputStream(bytes));
        this.maxString = bytes.length;
    }

    public int readByte() throws IOException {
        return in.readByte();
    }

    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    public int readInt() throws IOException {
        return in.readInt();
    }

    public double readDouble() throws IOException {
        return in.readDouble();
    }

    /** A count written by {@link BinaryOut#writeInt} before as many items. */
    public int count() throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    /** Fails unless the input ends here. */
    public void end() throws IOException {
        if (in.read() != -1) {
            throw new IOException("trailing bytes");
        }
    }

    public String string() throws IOException {
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
        if (n > maxString) {
            throw new IOException("truncated string");
        }
        if (n > buffer.length) {
            buffer = new byte[Math.max(n, buffer.length * 2)];
        }
        in.readFully(buffer, 0, n);
        String s = new String(buffer, 0, n, StandardCharsets.UTF_8);
        read.add(s);
        return s;
    }

    public List<String> strings() throws IOException {
        int n = count();
        List<String> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(string());
        }
        return out;
    }

    public Map<String, Object> map() throws IOException {
        return map(0);
    }

    public Object value() throws IOException {
        return value(0);
    }

    private Map<String, Object> map(int depth) throws IOException {
        int n = count();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = string();
            out.put(key, value(depth + 1));
        }
        return out;
    }

    private Object value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("value nested too deeply");
        }
        int tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return string();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case LONG:
                return in.readLong();
            case INT:
                return in.readInt();
            case DOUBLE:
                return in.readDouble();
            case LIST: {
                int n = count();
                List<Object> out = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    out.add(value(depth + 1));
                }
                return out;
            }
            case MAP:
                return map(depth + 1);
            default:
                throw new IOException("bad value tag " + tag);
        }
    }
}
