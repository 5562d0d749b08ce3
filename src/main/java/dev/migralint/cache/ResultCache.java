package dev.migralint.cache;

import dev.migralint.report.RunTotals;
import dev.migralint.rules.Finding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

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
 * as a miss, never as an error.
 */
public final class ResultCache {
    private final Path dir;
    private final byte[] runKey;
    private final ResultPack pack;

    private ResultCache(Path dir, byte[] runKey) {
        this.dir = dir;
        this.runKey = runKey;
        this.pack = ResultPack.open(dir.resolve(Hashes.hex(runKey).substring(0, 24) + ".pack"), runKey);
    }

    /**
     * A cache for one run.
     *
     * @param root        the cache directory (see {@code UserCacheDirectory.locate()})
     * @param build       identifies the migralint build (version, code and bundled rules); entries of other builds are never read
     * @param fingerprint everything else of the run the results depend on: configuration, user rules, baseline
     */
    public static ResultCache open(Path root, String build, String fingerprint) {
        String buildId = Hashes.hex(Hashes.sha256((build + "\nformat " + CacheCodec.FORMAT)
                .getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        Path dir = root.resolve(buildId);
        if (!Files.isDirectory(dir)) {
            CacheDirectory.pruneOldBuilds(root, dir);
        }
        return new ResultCache(dir, Hashes.sha256((buildId + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8)));
    }

    /** The directory this run's pack lives in. */
    public Path directory() {
        return dir;
    }

    // ------------------------------------------------------------------------------------------------ keys

    /** The key of the first file of a history: the run's key and the history's name. */
    public byte[] historyStart(String history) {
        return Hashes.digest(runKey, history.getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a file: its own inputs chained to the key of the file before it in its history. */
    public byte[] fileKey(byte[] previous, String displayPath, String dialect, String framework, byte[] contentHash) {
        MessageDigest md = Hashes.sha();
        md.update(previous);
        Hashes.update(md, displayPath);
        Hashes.update(md, dialect);
        Hashes.update(md, framework);
        md.update(contentHash);
        return md.digest();
    }

    /**
     * The key of a file's report entry: its lint key, its history facts (the migrations beside it: duplicate
     * versions, missing down migrations) and the report's form (format, colour, paths, charset).
     */
    public byte[] reportKey(byte[] fileKey, String historyFacts, String form) {
        MessageDigest md = Hashes.sha();
        md.update(fileKey);
        Hashes.update(md, "report");
        Hashes.update(md, historyFacts);
        Hashes.update(md, form);
        return md.digest();
    }

    /**
     * The hash of a file's decoded text. SHA-256 although it is the slowest step of hashing a fresh checkout:
     * a key that an edited migration could collide with would let a CI cache pass it unchecked.
     */
    public static byte[] contentHash(String text) {
        return Hashes.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------ read / write

    /** The lint entry stored under this key, or null when there is none or it cannot be used. */
    public LintEntry get(byte[] key) {
        return CacheCodec.decodedOrNull(pack.get(ResultPack.LINT, key), CacheCodec::decodeEntry);
    }

    /** Stores a lint entry; returns false when it cannot be encoded. Never throws. */
    public boolean put(byte[] key, LintEntry entry) {
        byte[] bytes;
        try {
            bytes = CacheCodec.encode(entry);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        pack.put(ResultPack.LINT, key, bytes);
        return true;
    }

    /** The report entry stored under this key, or null. Its printed bytes are a view of the cache, not a copy. */
    public ReportEntry report(byte[] key) {
        ByteBuffer v = pack.view(ResultPack.REPORT, key);
        if (v == null) {
            return null;
        }
        byte[] id = key.clone();
        return CacheCodec.decodeReport(v, () -> pack.get(ResultPack.FINDINGS, id));
    }

    /** Stores a file's report entry. Never throws. */
    public boolean putReport(byte[] key, RunTotals totals, byte[] printed, List<Finding> findings) {
        try {
            // Findings in a slot of their own: a warm run prints the report part and never reads them.
            pack.put(ResultPack.FINDINGS, key, CacheCodec.encode(findings));
            pack.put(ResultPack.REPORT, key, CacheCodec.encodeReport(totals, printed));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The stat record of a file (by absolute path), or null. */
    public FileStat stat(String absolutePath) {
        ByteBuffer v = pack.view(ResultPack.STAT, pathId(absolutePath));
        if (v == null) {
            return null;
        }
        try {
            return CacheCodec.decodeStat(v, absolutePath);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public void putStat(String absolutePath, FileStat stat) {
        byte[] record = CacheCodec.encodeStat(absolutePath, stat);
        if (record != null) {
            pack.put(ResultPack.STAT, pathId(absolutePath), record);
        }
    }

    /** The id a file's stat record is kept under. */
    private static byte[] pathId(String absolutePath) {
        MessageDigest md = Hashes.sha();
        Hashes.update(md, "stat");
        Hashes.update(md, absolutePath);
        return md.digest();
    }

    /** The whole-run answer stored under this id (see {@link RunManifest}), as a view of the cache, or null. */
    public ByteBuffer run(byte[] id) {
        return pack.view(ResultPack.RUN, id);
    }

    public void putRun(byte[] id, byte[] manifest) {
        pack.put(ResultPack.RUN, id, manifest);
    }

    /** Writes what this run added or refreshed; false when the cache cannot be written (the run goes on). */
    public boolean save() {
        return pack.save();
    }
}
