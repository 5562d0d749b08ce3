package dev.migralint.cli;

import dev.migralint.rules.Finding;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * The result cache: what linting one migration gave, stored under a key that covers everything the result depends
 * on, so that a re-run lints only what changed.
 *
 * <p>A file's findings depend on its text, its path, the dialect and runner detected for it, migralint itself (code
 * and record shapes), the effective configuration and rules, and the column types that earlier migrations of the same
 * history declared (the analysis carries them from one file to the next). The key of a file is therefore chained: it
 * hashes the file's own inputs together with the key of the file before it in its history, so a change to an earlier
 * migration invalidates every later one of that history. Each entry also stores how the file changed the carried
 * state (the tables it touched, as they are after it), so that a miss after a run of hits can continue the history
 * without re-reading the files before it.
 *
 * <p>Entries are files named by their key under {@code $XDG_CACHE_HOME/migralint} (else {@code ~/.cache/migralint}),
 * one directory per migralint build. They are written to a temporary file and renamed into place, carry their own
 * key and a checksum, and decode only records of migralint's own packages: a corrupt, truncated, foreign or stale entry
 * reads as a miss, never as an error.
 */
public final class ResultCache {
    private static final byte[] MAGIC = {'M', 'L', 'R', 'C'};
    private static final int FORMAT = 1;
    private static final String PACKAGE_PREFIX = "dev.migralint.";
    /** Build directories of other migralint versions unused this long are removed when a new one is created. */
    private static final Duration STALE_BUILDS = Duration.ofDays(14);

    /** What the cache keeps per file. {@code changedTables}/{@code droppedTables} are the file's effect on the history state. */
    public record Entry(int statementCount, List<Finding> findings, Map<String, Map<String, String>> changedTables,
                        List<String> droppedTables) {
    }

    private final Path dir;
    private final byte[] runKey;
    private final Set<Path> createdShards = ConcurrentHashMap.newKeySet();
    private volatile boolean broken;

    private ResultCache(Path dir, byte[] runKey) {
        this.dir = dir;
        this.runKey = runKey;
    }

    /**
     * A cache for one run.
     *
     * @param root        the cache directory (see {@link #defaultDirectory()})
     * @param build       identifies the migralint build (version and code); entries of other builds are never read
     * @param fingerprint everything else of the run the results depend on: configuration, rules, ...
     */
    public static ResultCache open(Path root, String build, String fingerprint) {
        String buildId = hex(sha256((build + "\n" + schema(Entry.class) + "\n" + schema(Finding.class)).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        Path dir = root.resolve(buildId);
        ResultCache cache = new ResultCache(dir, sha256((buildId + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8)));
        if (!Files.isDirectory(dir)) {
            pruneOldBuilds(root, dir);
        }
        return cache;
    }

    /** The system property {@code migralint.cache.dir} ("off": no cache), else {@code $MIGRALINT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/migralint}, else {@code ~/.cache/migralint}; null when none can be found. */
    public static Path defaultDirectory() {
        String property = System.getProperty("migralint.cache.dir");
        if (property != null && !property.isBlank()) {
            return property.equals("off") ? null : Path.of(property);
        }
        String own = System.getenv("MIGRALINT_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "migralint");
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return null;
        }
        return Path.of(home, ".cache", "migralint");
    }

    /** The directory this run's entries live in. */
    public Path directory() {
        return dir;
    }

    // ------------------------------------------------------------------------------------------------ keys

    /** The key of the first file of a history: the run's key and the history's name. */
    public byte[] historyStart(String history) {
        return digest(runKey, history.getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a file: its own inputs chained to the key of the file before it in its history. */
    public byte[] fileKey(byte[] previous, String displayPath, String dialect, String framework, byte[] contentHash) {
        MessageDigest md = sha();
        md.update(previous);
        update(md, displayPath);
        update(md, dialect);
        update(md, framework);
        md.update(contentHash);
        return md.digest();
    }

    /** The SHA-256 of a file's decoded text. */
    public static byte[] contentHash(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Identifies the running migralint build: its version and its code (the jar's size and time, or for a classes
     * directory the newest class file), so that entries written by other code are never read.
     */
    public static String buildIdentity(String version) {
        StringBuilder b = new StringBuilder(version);
        try {
            java.net.URL location = ResultCache.class.getProtectionDomain().getCodeSource().getLocation();
            Path code = Path.of(location.toURI());
            b.append('|').append(code);
            if (Files.isRegularFile(code)) {
                b.append('|').append(Files.size(code)).append('|').append(Files.getLastModifiedTime(code).toMillis());
            } else if (Files.isDirectory(code)) {
                long newest = 0;
                long count = 0;
                try (java.util.stream.Stream<Path> s = Files.walk(code)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        if (p.toString().endsWith(".class") || p.toString().endsWith(".yml")) {
                            newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
                            count++;
                        }
                    }
                }
                b.append('|').append(count).append('|').append(newest);
            }
        } catch (Exception e) {
            b.append("|unknown-code-").append(System.nanoTime()); // never matches: no reuse without knowing the code
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ read / write

    /** The entry stored under this key, or null when there is none or it cannot be used. */
    public Entry get(byte[] key) {
        Path file = pathOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            return decodeEntry(key, bytes);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            return null;
        }
    }

    /** Stores an entry; returns false when it was not stored (unencodable value, unwritable cache). Never throws. */
    public boolean put(byte[] key, Entry entry) {
        if (broken) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = encodeEntry(key, entry);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        Path file = pathOf(key);
        Path tmp = null;
        try {
            Path shard = file.getParent();
            if (createdShards.add(shard)) {
                Files.createDirectories(shard);
            }
            tmp = shard.resolve(file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            broken = true; // read-only or full: stop trying for this run
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | RuntimeException ignored) {
                    // nothing more to do
                }
            }
            return false;
        }
    }

    private Path pathOf(byte[] key) {
        String name = hex(key);
        return dir.resolve(name.substring(0, 2)).resolve(name.substring(2));
    }

    static byte[] encodeEntry(byte[] key, Entry entry) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1024);
        new Codec(new DataOutputStream(payload)).write(entry);
        byte[] body = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        DataOutputStream d = new DataOutputStream(out);
        d.write(MAGIC);
        d.writeInt(FORMAT);
        d.write(key);
        d.writeInt(body.length);
        d.write(body);
        d.writeLong(crc.getValue());
        d.flush();
        return out.toByteArray();
    }

    static Entry decodeEntry(byte[] key, byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC) || in.readInt() != FORMAT) {
            throw new IOException("not a migralint cache entry");
        }
        byte[] stored = new byte[key.length];
        in.readFully(stored);
        if (!Arrays.equals(stored, key)) {
            throw new IOException("entry of another key");
        }
        int length = in.readInt();
        if (length < 0 || length > bytes.length) {
            throw new IOException("bad length");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        if (in.readLong() != crc.getValue() || in.read() != -1) {
            throw new IOException("checksum mismatch");
        }
        Object value = new Codec(new DataInputStream(new ByteArrayInputStream(body))).read();
        if (!(value instanceof Entry e)) {
            throw new IOException("not an entry");
        }
        for (Object f : e.findings()) {
            if (!(f instanceof Finding)) {
                throw new IOException("not a finding");
            }
        }
        return e;
    }

    private static void pruneOldBuilds(Path root, Path keep) {
        if (!Files.isDirectory(root)) {
            return;
        }
        Instant cutoff = Instant.now().minus(STALE_BUILDS);
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(root)) {
            for (Path b : builds) {
                if (b.equals(keep) || !Files.isDirectory(b) || !b.getFileName().toString().matches("[0-9a-f]{16}")) {
                    continue;
                }
                FileTime modified = Files.getLastModifiedTime(b);
                if (modified.toInstant().isBefore(cutoff)) {
                    deleteTree(b);
                }
            }
        } catch (IOException | RuntimeException e) {
            // pruning is best effort
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path c : children) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    // ------------------------------------------------------------------------------------------------ hashing

    /**
     * A canonical text of a value for fingerprints: records by component, maps and sets sorted, other objects by
     * class and {@code toString()}. Unlike {@code toString()} of records holding {@code Map.copyOf} or {@code Set.of},
     * it does not change from one JVM run to the next.
     */
    public static String canonical(Object value) {
        StringBuilder b = new StringBuilder();
        canonical(value, b, 0);
        return b.toString();
    }

    private static void canonical(Object v, StringBuilder b, int depth) {
        if (depth > 64) {
            b.append("<deep>");
            return;
        }
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else if (v instanceof Number || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>) {
            b.append(v);
        } else if (v instanceof Record r) {
            b.append(r.getClass().getName()).append('(');
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                b.append(rc.getName()).append('=');
                try {
                    rc.getAccessor().setAccessible(true);
                    canonical(rc.getAccessor().invoke(r), b, depth + 1);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    b.append("<?>");
                }
                b.append(',');
            }
            b.append(')');
        } else if (v instanceof Map<?, ?> m) {
            TreeMap<String, String> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(canonical(k), canonical(val)));
            b.append(sorted);
        } else if (v instanceof Set<?> s) {
            List<String> items = new ArrayList<>();
            s.forEach(x -> items.add(canonical(x)));
            items.sort(null);
            b.append("set").append(items);
        } else if (v instanceof Iterable<?> it) {
            b.append('[');
            for (Object x : it) {
                canonical(x, b, depth + 1);
                b.append(',');
            }
            b.append(']');
        } else {
            b.append(v.getClass().getName()).append(':').append(v);
        }
    }

    /** The shape of a record type, recursively: component names and types. Part of the build key. */
    static String schema(Class<?> type) {
        StringBuilder b = new StringBuilder();
        schema(type, b, new java.util.HashSet<>());
        return b.toString();
    }

    private static void schema(Class<?> type, StringBuilder b, Set<Class<?>> seen) {
        b.append(type.getName());
        if (!seen.add(type)) {
            return;
        }
        if (type.isRecord()) {
            b.append('(');
            for (RecordComponent rc : type.getRecordComponents()) {
                b.append(rc.getName()).append(':');
                schema(rc.getType(), b, seen);
                b.append(rc.getGenericType().getTypeName()).append(',');
            }
            b.append(')');
        } else if (type.isEnum()) {
            b.append(Arrays.toString(type.getEnumConstants()));
        }
    }

    static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        return sha().digest(bytes);
    }

    private static byte[] digest(byte[] a, byte[] b) {
        MessageDigest md = sha();
        md.update(a);
        md.update(b);
        return md.digest();
    }

    private static void update(MessageDigest md, String s) {
        byte[] bytes = (s == null ? "\u0000null" : s).getBytes(StandardCharsets.UTF_8);
        md.update((byte) (bytes.length >>> 24));
        md.update((byte) (bytes.length >>> 16));
        md.update((byte) (bytes.length >>> 8));
        md.update((byte) bytes.length);
        md.update(bytes);
    }

    static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ codec

    /**
     * A small binary codec for the values findings are made of: migralint's records and enums, strings, boxed
     * primitives, lists, sets and maps. Strings are written once per entry and referred to by number afterwards.
     * Decoding instantiates only records and enums of migralint's own packages, through their canonical constructors.
     */
    static final class Codec {
        private static final int NULL = 0, STRING = 1, INT = 2, LONG = 3, BOOL = 4, DOUBLE = 5, ENUM = 6, RECORD = 7,
                LIST = 8, SET = 9, MAP = 10, STRING_REF = 11;
        private static final int MAX_DEPTH = 64;
        private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();

        private DataOutputStream out;
        private DataInputStream in;
        private final Map<String, Integer> written = new HashMap<>();
        private final List<String> read = new ArrayList<>();

        Codec(DataOutputStream out) {
            this.out = out;
        }

        Codec(DataInputStream in) {
            this.in = in;
        }

        void write(Object v) throws IOException {
            write(v, 0);
            out.flush();
        }

        private void write(Object v, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new IOException("value nested too deeply");
            }
            if (v == null) {
                out.writeByte(NULL);
            } else if (v instanceof String s) {
                writeString(s);
            } else if (v instanceof Integer i) {
                out.writeByte(INT);
                out.writeInt(i);
            } else if (v instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (v instanceof Boolean bo) {
                out.writeByte(BOOL);
                out.writeBoolean(bo);
            } else if (v instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (v instanceof Enum<?> e) {
                out.writeByte(ENUM);
                writeString(e.getDeclaringClass().getName());
                writeString(e.name());
            } else if (v instanceof Record r) {
                Class<?> c = r.getClass();
                if (!c.getName().startsWith(PACKAGE_PREFIX)) {
                    throw new IOException("foreign record " + c.getName());
                }
                out.writeByte(RECORD);
                writeString(c.getName());
                RecordComponent[] rcs = c.getRecordComponents();
                out.writeShort(rcs.length);
                for (RecordComponent rc : rcs) {
                    try {
                        rc.getAccessor().setAccessible(true);
                        write(rc.getAccessor().invoke(r), depth + 1);
                    } catch (ReflectiveOperationException e) {
                        throw new IOException(e);
                    }
                }
            } else if (v instanceof List<?> l) {
                out.writeByte(LIST);
                out.writeInt(l.size());
                for (Object x : l) {
                    write(x, depth + 1);
                }
            } else if (v instanceof Set<?> s) {
                out.writeByte(SET);
                out.writeInt(s.size());
                for (Object x : s) {
                    write(x, depth + 1);
                }
            } else if (v instanceof Map<?, ?> m) {
                out.writeByte(MAP);
                out.writeInt(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    write(e.getKey(), depth + 1);
                    write(e.getValue(), depth + 1);
                }
            } else {
                throw new IOException("cannot cache a " + v.getClass().getName());
            }
        }

        private void writeString(String s) throws IOException {
            Integer ref = written.get(s);
            if (ref != null) {
                out.writeByte(STRING_REF);
                out.writeInt(ref);
                return;
            }
            written.put(s, written.size());
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte(STRING);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        Object read() throws IOException {
            Object v = read(0);
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
            return v;
        }

        private Object read(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new IOException("value nested too deeply");
            }
            int tag = in.readUnsignedByte();
            switch (tag) {
                case NULL:
                    return null;
                case STRING:
                case STRING_REF:
                    return readStringBody(tag);
                case INT:
                    return in.readInt();
                case LONG:
                    return in.readLong();
                case BOOL:
                    return in.readBoolean();
                case DOUBLE:
                    return in.readDouble();
                case ENUM: {
                    Class<?> c = ownClass(readString());
                    String name = readString();
                    if (!c.isEnum()) {
                        throw new IOException("not an enum: " + c.getName());
                    }
                    for (Object constant : c.getEnumConstants()) {
                        if (((Enum<?>) constant).name().equals(name)) {
                            return constant;
                        }
                    }
                    throw new IOException("no constant " + name + " in " + c.getName());
                }
                case RECORD:
                    return readRecord(depth);
                case LIST: {
                    int n = count();
                    List<Object> l = new ArrayList<>(Math.min(n, 1024));
                    for (int i = 0; i < n; i++) {
                        l.add(read(depth + 1));
                    }
                    return java.util.Collections.unmodifiableList(l);
                }
                case SET: {
                    int n = count();
                    Set<Object> s = new LinkedHashSet<>();
                    for (int i = 0; i < n; i++) {
                        s.add(read(depth + 1));
                    }
                    return java.util.Collections.unmodifiableSet(s);
                }
                case MAP: {
                    int n = count();
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        m.put(read(depth + 1), read(depth + 1));
                    }
                    return java.util.Collections.unmodifiableMap(m);
                }
                default:
                    throw new IOException("bad tag " + tag);
            }
        }

        private int count() throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 10_000_000) {
                throw new IOException("bad count " + n);
            }
            return n;
        }

        private String readString() throws IOException {
            int tag = in.readUnsignedByte();
            if (tag != STRING && tag != STRING_REF) {
                throw new IOException("string expected");
            }
            return readStringBody(tag);
        }

        private String readStringBody(int tag) throws IOException {
            if (tag == STRING_REF) {
                int ref = in.readInt();
                if (ref < 0 || ref >= read.size()) {
                    throw new IOException("bad string reference");
                }
                return read.get(ref);
            }
            int n = count();
            if (n > in.available()) {
                throw new IOException("truncated string");
            }
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            String s = new String(bytes, StandardCharsets.UTF_8);
            read.add(s);
            return s;
        }

        private Object readRecord(int depth) throws IOException {
            Class<?> c = ownClass(readString());
            if (!c.isRecord()) {
                throw new IOException("not a record: " + c.getName());
            }
            RecordComponent[] rcs = c.getRecordComponents();
            int n = in.readUnsignedShort();
            if (n != rcs.length) {
                throw new IOException("shape of " + c.getName() + " changed");
            }
            Object[] args = new Object[n];
            Class<?>[] types = new Class<?>[n];
            for (int i = 0; i < n; i++) {
                types[i] = rcs[i].getType();
                args[i] = read(depth + 1);
                if (!fits(types[i], args[i])) {
                    throw new IOException("component " + rcs[i].getName() + " of " + c.getName() + " has the wrong type");
                }
            }
            try {
                Constructor<?> ctor = c.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                return ctor.newInstance(args);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new IOException("cannot rebuild " + c.getName() + ": " + e);
            }
        }

        private static boolean fits(Class<?> type, Object value) {
            if (!type.isPrimitive()) {
                return value == null || type.isInstance(value);
            }
            if (value == null) {
                return false;
            }
            if (type == int.class) {
                return value instanceof Integer;
            }
            if (type == long.class) {
                return value instanceof Long;
            }
            if (type == boolean.class) {
                return value instanceof Boolean;
            }
            if (type == double.class) {
                return value instanceof Double;
            }
            return false;
        }

        private static Class<?> ownClass(String name) throws IOException {
            if (!name.startsWith(PACKAGE_PREFIX)) {
                throw new IOException("foreign class " + name);
            }
            Class<?> c = CLASSES.get(name);
            if (c != null) {
                return c;
            }
            try {
                c = Class.forName(name, false, ResultCache.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IOException("unknown class " + name);
            }
            CLASSES.put(name, c);
            return c;
        }
    }
}
