package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.report.RunTotals;
import dev.migralint.rules.Finding;
import dev.migralint.workspace.TextClues;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
import java.util.concurrent.TimeUnit;

/**
 * The result cache: what linting one migration gave, and what the report printed for it, stored under keys that
 * cover everything they depend on, so that a re-run lints only what changed and prints unchanged files as they were.
 *
 * <p>A file's findings depend on its text, its path, the dialect and runner detected for it, migralint itself (code,
 * bundled rules, record shapes), the effective configuration, user rule files and baseline, and the column types that
 * earlier migrations of the same history declared (the analysis carries them from one file to the next). The key of a
 * file is therefore chained: it hashes the file's own inputs together with the key of the file before it in its
 * history, so a change to an earlier migration invalidates every later one of that history. A lint entry also stores
 * how the file changed the carried state (the tables it touched, as they are after it), so that a miss after a run of
 * hits can continue the history without re-reading the files before it. A report entry adds what a plain check's
 * report printed for the file and its totals, keyed also by the file's history facts and the report's form.
 *
 * <p>The run's inputs other than the files are hashed once (the "scope"); all entries of a scope live in one
 * {@link ResultPack} under {@code $XDG_CACHE_HOME/migralint/BUILD/} (else {@code ~/.cache/migralint}), one directory per
 * migralint build. Each file's stat data (size, modification time, file key) is kept with its content hash, as git's
 * index does, so an unchanged file is neither read nor hashed again; a corrupt, truncated, foreign or stale entry reads
 * as a miss, never as an error, and entries decode only records of migralint's own packages.
 */
public final class ResultCache {
    private static final String PACKAGE_PREFIX = "dev.migralint.";
    /** Build directories of other migralint versions unused this long are removed when a new one is created. */
    private static final Duration STALE_BUILDS = Duration.ofDays(14);

    /** What the cache keeps per file. {@code changedTables}/{@code droppedTables} are the file's effect on the history state. */
    public record Entry(int statementCount, List<Finding> findings, Map<String, Map<String, String>> changedTables,
                        List<String> droppedTables) {
    }

    /**
     * What a plain check's report showed for one file: the bytes it printed (in {@code printed}'s charset, part of the
     * report form), the file's totals, and its findings encoded (read only when a report needs more than the totals).
     */
    public record FileReport(RunTotals totals, java.nio.ByteBuffer printed, java.util.function.Supplier<byte[]> encodedFindings) {
        /** The findings, or null when they cannot be read or decoded. */
        public List<Finding> findings() {
            byte[] encoded = encodedFindings.get();
            if (encoded == null) {
                return null;
            }
            try {
                Object v = new Codec(new DataInputStream(new ByteArrayInputStream(encoded))).read();
                if (!(v instanceof List<?> l)) {
                    return null;
                }
                List<Finding> out = new ArrayList<>(l.size());
                for (Object f : l) {
                    if (!(f instanceof Finding x)) {
                        return null;
                    }
                    out.add(x);
                }
                return out;
            } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
                return null;
            }
        }
    }

    /**
     * A file's stat data when its content hash was computed. {@code clues}: what runner detection read of its text
     * ({@link TextClues#bits()}), so that an unchanged file need not be read to be placed.
     */
    public record Stat(long size, long modifiedNanos, String fileKey, long recordedMillis, byte[] contentHash,
                       int clues) {
        /**
         * Whether these attributes show the file as it was hashed. A file modified within two seconds of being hashed
         * could change again within the file system's timestamp granularity without changing its stat data (git's
         * "racily clean" entries): such a record is never trusted, the file is hashed again.
         */
        public boolean matches(BasicFileAttributes now, String identityNow) {
            return now.size() == size && nanos(now.lastModifiedTime()) == modifiedNanos
                    && identityNow.equals(fileKey) && !identityNow.endsWith(NO_CTIME)
                    && modifiedNanos < (recordedMillis - 2_000L) * 1_000_000L;
        }

        public static long nanos(FileTime t) {
            return t.to(TimeUnit.NANOSECONDS);
        }
    }

    private static final String NO_CTIME = ",ctime=?";

    /**
     * What identifies a file's content besides its size and modification time: the file key (device and inode) and
     * the inode change time, which a same-size edit that puts the old mtime back still moves (git checks it too).
     * Where the change time cannot be read the identity says so, and {@link Stat#matches} never trusts it: the file
     * is hashed.
     */
    public static String identity(Path path, BasicFileAttributes a, boolean followLinks) {
        String key = String.valueOf(a.fileKey());
        try {
            Object ctime = followLinks ? Files.getAttribute(path, "unix:ctime")
                    : Files.getAttribute(path, "unix:ctime", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (ctime instanceof FileTime t) {
                return key + ",ctime=" + Stat.nanos(t);
            }
        } catch (IOException | RuntimeException e) {
            // no unix view (Windows) or the file went away: unsure
        }
        return key + NO_CTIME;
    }

    /** The owner of an existing cache directory when it is not the user running this, else null. */
    public static String foreignOwner(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null || !existing.startsWith(dir)) {
                return null; // created by this run, as its own
            }
            // user.name is the JVM's reading of the process's user id (getpwuid), so the names compare the ids.
            String owner = Files.getOwner(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName();
            String me = System.getProperty("user.name");
            return me != null && !me.isBlank() && !me.equals("?") && !owner.equals(me) ? owner : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private final Path dir;
    private final byte[] runKey;
    private final ResultPack pack;

    private ResultCache(Path dir, byte[] runKey) {
        this.dir = dir;
        this.runKey = runKey;
        this.pack = ResultPack.open(dir.resolve(hex(runKey).substring(0, 24) + ".pack"), runKey);
    }

    /**
     * A cache for one run.
     *
     * @param root        the cache directory (see {@link #defaultDirectory()})
     * @param build       identifies the migralint build (version, code and bundled rules); entries of other builds are never read
     * @param fingerprint everything else of the run the results depend on: configuration, user rules, baseline
     */
    public static ResultCache open(Path root, String build, String fingerprint) {
        String buildId = hex(sha256((build + "\n" + schema(Entry.class) + "\n" + schema(Finding.class) + "\n"
                + schema(RunTotals.class)).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        Phases.mark("cache: schema");
        Path dir = root.resolve(buildId);
        if (!Files.isDirectory(dir)) {
            pruneOldBuilds(root, dir);
        }
        return new ResultCache(dir, sha256((buildId + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The fingerprint of everything besides the files and the build that results depend on, derived without loading
     * a rule: the configuration, the bytes of the user rule directories' files and of the baseline. (Bundled rules are
     * part of the build.)
     */
    public static String fingerprint(Config config) {
        StringBuilder b = new StringBuilder();
        b.append(canonical(config)).append('\n');
        for (Path ruleDir : config.ruleDirs()) {
            b.append("rules ").append(ruleDir).append('\n');
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(ruleDir)) {
                s.forEach(files::add);
            } catch (IOException | RuntimeException e) {
                b.append("unlistable ").append(System.nanoTime()).append('\n'); // never matches: no reuse without knowing them
            }
            files.sort(null);
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f)) {
                        b.append(f.getFileName()).append(' ').append(hex(sha256(Files.readAllBytes(f)))).append('\n');
                    }
                } catch (IOException | RuntimeException e) {
                    b.append("unreadable ").append(System.nanoTime()).append('\n');
                }
            }
        }
        if (config.baseline() != null) {
            Path baseline = config.root() == null ? config.baseline() : config.root().resolve(config.baseline());
            try {
                b.append("baseline ").append(hex(sha256(Files.readAllBytes(baseline))));
            } catch (IOException | RuntimeException e) {
                b.append("no-baseline");
            }
        }
        return b.toString();
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

    /** The directory this run's pack lives in. */
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

    /**
     * The key of a file's report entry: its lint key, its history facts (the migrations beside it: duplicate
     * versions, missing down migrations) and the report's form (format, colour, paths, charset).
     */
    public byte[] reportKey(byte[] fileKey, String historyFacts, String form) {
        MessageDigest md = sha();
        md.update(fileKey);
        update(md, "report");
        update(md, historyFacts);
        update(md, form);
        return md.digest();
    }

    /**
     * The hash of a file's decoded text. SHA-256 although it is the slowest step of hashing a fresh checkout
     * (~100 MB/s at C1): a key that an edited migration could collide with would let a CI cache pass it unchecked.
     */
    public static byte[] contentHash(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Identifies the running migralint build: its version and its code (the jar's size and time, or for a classes
     * directory the newest class or rule file), so that entries written by other code or bundled rules are never read.
     */
    public static String buildIdentity(String version) {
        StringBuilder b = new StringBuilder(version);
        try {
            Path code = codeLocation();
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

    /**
     * Where migralint's classes come from. A class path of one jar ({@code java -jar}, the launcher) is that jar:
     * asking the class's protection domain for it cost a warm run some 30 ms of URL and URI handling.
     */
    private static Path codeLocation() throws Exception {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty() && classPath.indexOf(java.io.File.pathSeparatorChar) < 0 && classPath.endsWith(".jar")
                && ResultCache.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            return Path.of(classPath).toAbsolutePath();
        }
        return Path.of(ResultCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    // ------------------------------------------------------------------------------------------------ read / write

    /** The lint entry stored under this key, or null when there is none or it cannot be used. */
    public Entry get(byte[] key) {
        byte[] bytes = pack.get(ResultPack.LINT, key);
        if (bytes == null) {
            return null;
        }
        try {
            return decodeEntry(bytes);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            return null;
        }
    }

    /** Stores a lint entry; returns false when it cannot be encoded. Never throws. */
    public boolean put(byte[] key, Entry entry) {
        byte[] bytes;
        try {
            bytes = encode(entry);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        pack.put(ResultPack.LINT, key, bytes);
        return true;
    }

    /** Where a report entry's printed bytes start: after its nine totals and their length. */
    private static final int PRINTED_AT = 9 * 8 + 4;

    /** The report entry stored under this key, or null. Its printed bytes are a view of the cache, not a copy. */
    public FileReport report(byte[] key) {
        ByteBuffer v = pack.view(ResultPack.REPORT, key);
        if (v == null || v.remaining() < PRINTED_AT) {
            return null;
        }
        int n = v.getInt(PRINTED_AT - 4);
        // After the printed bytes: the tallies by rule and their length, last.
        if (n < 0 || n > v.remaining() - PRINTED_AT - 4) {
            return null;
        }
        int t = v.getInt(v.remaining() - 4);
        if (t < 0 || t != v.remaining() - PRINTED_AT - n - 4) {
            return null;
        }
        byte[] tallyBytes = new byte[t];
        v.get(PRINTED_AT + n, tallyBytes);
        dev.migralint.report.RuleTallies tallies = dev.migralint.report.RuleTallies.decode(tallyBytes);
        if (tallies == null) {
            return null;
        }
        RunTotals totals = new RunTotals(null, 0, v.getLong(0), v.getLong(8), v.getLong(16), v.getLong(24),
                v.getLong(32), v.getLong(40), v.getLong(48), v.getLong(56), v.getLong(64), tallies);
        byte[] id = key.clone();
        return new FileReport(totals, v.slice(PRINTED_AT, n), () -> pack.get(ResultPack.FINDINGS, id));
    }

    /** Stores a file's report entry. Never throws. */
    public boolean putReport(byte[] key, RunTotals totals, byte[] printed, List<Finding> findings) {
        try {
            byte[] tallies = totals.byRule().encode();
            ByteBuffer b = ByteBuffer.allocate(PRINTED_AT + printed.length + tallies.length + 4);
            b.putLong(totals.files()).putLong(totals.statements()).putLong(totals.errors()).putLong(totals.warnings())
                    .putLong(totals.notices()).putLong(totals.ignoredInline()).putLong(totals.baselined())
                    .putLong(totals.filesWithWarnings()).putLong(totals.filesFailing()).putInt(printed.length).put(printed)
                    .put(tallies).putInt(tallies.length);
            // Findings in a slot of their own: a warm run prints the report part and never reads them.
            pack.put(ResultPack.FINDINGS, key, encode(findings));
            pack.put(ResultPack.REPORT, key, b.array());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The stat record of a file (by absolute path), or null. */
    public Stat stat(String absolutePath) {
        ByteBuffer v = pack.view(ResultPack.STAT, pathId(absolutePath));
        if (v == null) {
            return null;
        }
        try {
            // size, time, recorded, hash, clues, then the file key and the path (a hash collision must not match)
            int fixed = 8 + 8 + 8 + 32 + 4;
            if (v.remaining() < fixed + 4) {
                return null;
            }
            byte[] hash = new byte[32];
            v.get(24, hash);
            int keyLength = v.getShort(fixed) & 0xffff;
            int pathLength = v.getShort(fixed + 2) & 0xffff;
            if (v.remaining() != fixed + 4 + keyLength + pathLength) {
                return null;
            }
            byte[] text = new byte[keyLength + pathLength];
            v.get(fixed + 4, text);
            if (!new String(text, keyLength, pathLength, StandardCharsets.UTF_8).equals(absolutePath)) {
                return null;
            }
            return new Stat(v.getLong(0), v.getLong(8), new String(text, 0, keyLength, StandardCharsets.UTF_8),
                    v.getLong(16), hash, v.getInt(56));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public void putStat(String absolutePath, Stat stat) {
        byte[] key = stat.fileKey().getBytes(StandardCharsets.UTF_8);
        byte[] path = absolutePath.getBytes(StandardCharsets.UTF_8);
        if (key.length > 0xffff || path.length > 0xffff || stat.contentHash().length != 32) {
            return; // not cached: the file is hashed again next time
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 8 + 32 + 4 + 4 + key.length + path.length);
        b.putLong(stat.size()).putLong(stat.modifiedNanos()).putLong(stat.recordedMillis()).put(stat.contentHash())
                .putInt(stat.clues()).putShort((short) key.length).putShort((short) path.length).put(key).put(path);
        pack.put(ResultPack.STAT, pathId(absolutePath), b.array());
    }

    /** The id a file's stat record is kept under. */
    private static byte[] pathId(String absolutePath) {
        MessageDigest md = sha();
        update(md, "stat");
        update(md, absolutePath);
        return md.digest();
    }

    /** The whole-run answer stored under this id (see {@link RunManifest}), as a view of the cache, or null. */
    ByteBuffer run(byte[] id) {
        return pack.view(ResultPack.RUN, id);
    }

    void putRun(byte[] id, byte[] manifest) {
        pack.put(ResultPack.RUN, id, manifest);
    }

    /** Writes what this run added or refreshed; false when the cache cannot be written (the run goes on). */
    public boolean save() {
        return pack.save();
    }

    private static int checkedLength(int n, int limit) throws IOException {
        if (n < 0 || n > limit) {
            throw new IOException("bad length");
        }
        return n;
    }

    static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1024);
        new Codec(new DataOutputStream(payload)).write(value);
        return payload.toByteArray();
    }

    static Entry decodeEntry(byte[] bytes) throws IOException {
        Object value = new Codec(new DataInputStream(new ByteArrayInputStream(bytes))).read();
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

    /** Cloned, not looked up: a provider lookup per key cost more than the hashing on a warm run. */
    private static final MessageDigest SHA256;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException x) {
                throw new IllegalStateException(x);
            }
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
