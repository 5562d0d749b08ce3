package dev.migralint.cache;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.CRC32;

/**
 * The one file a result-cache scope lives in: every entry of the scope, read with one mapping and written whole.
 *
 * <p>A warm run reads thousands of small entries out of ten thousand or more. The index is an array of fixed-width
 * records (kind, 32-byte id, last use, offset, length, CRC) sorted by kind and id, searched in place in the mapping:
 * opening a pack checks its header and the index's CRC and builds nothing, a lookup is a binary search, and an
 * entry's bytes are checked against their CRC when it is read (and handed out as a view of the mapping, not copied).
 * It is written only when the run changed something (or entries it used have not been marked used for a day): to a
 * temporary file renamed into place, so a concurrent reader keeps the pack it mapped and concurrent writers leave one
 * complete pack (the last one renamed). A pack that is torn, truncated or of another scope reads as empty: every
 * lookup misses, nothing fails.
 *
 * <p>Size is bounded: when written, entries unused for {@link #MAX_AGE_MINUTES} are dropped, then the least recently
 * used ones until the pack fits in {@link #MAX_BYTES}.
 */
public final class ResultPack {
    static final byte STAT = 1, LINT = 2, REPORT = 3, FINDINGS = 4, RUN = 5;
    /** Every id is this long: a SHA-256. */
    static final int ID = 32;
    static final long MAX_BYTES = 256L << 20;
    static final int MAX_AGE_MINUTES = 30 * 24 * 60;
    /** A used entry whose last-use mark is older than this gets a fresh one (and the pack is rewritten). */
    private static final int REFRESH_MINUTES = 24 * 60;
    private static final byte[] MAGIC = {'M', 'L', 'R', 'P'};
    private static final int FORMAT = 3;
    /** Magic, format, scope, time written, entry count, index CRC. */
    private static final int HEADER = MAGIC.length + 4 + 32 + 8 + 4 + 4;
    /** Kind, id, last use (minutes), data offset, length, CRC. */
    private static final int RECORD = 1 + ID + 4 + 8 + 4 + 4;

    /** An entry's kind and id, for the entries this run added (lookups in the mapping need none). */
    private static final class Key implements Comparable<Key> {
        final byte kind;
        final byte[] id;

        Key(byte kind, byte[] id) {
            this.kind = kind;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind == kind && Arrays.equals(k.id, id);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(id) + kind;
        }

        @Override
        public int compareTo(Key o) {
            return kind != o.kind ? Integer.compare(kind & 0xff, o.kind & 0xff) : Arrays.compareUnsigned(id, o.id);
        }
    }

    /** An entry this run added, with the CRC the pack keeps of it. */
    private record AddedEntry(byte[] bytes, int crc) {
    }

    /** One entry as the next pack will hold it: from the mapping (at {@code offset}) or added by this run. */
    private record PackEntry(Key key, long offset, byte[] fresh, int length, int crc, int lastUsed) {
    }

    private final Path file;
    private final byte[] scope;
    /** The mapped pack, or null when there is none to read. */
    private final ByteBuffer data;
    private final int count;
    private final long dataStart;
    /** Index records read this run: their last-use mark becomes now when the pack is written. */
    private final AtomicLongArray used;
    /** Index records whose bytes failed their CRC: left out when the pack is written. */
    private final Set<Integer> damaged = ConcurrentHashMap.newKeySet();
    private final Map<Key, AddedEntry> added = new ConcurrentHashMap<>();
    private volatile boolean dirty;
    private volatile boolean broken;

    private ResultPack(Path file, byte[] scope, ByteBuffer data, int count) {
        this.file = file;
        this.scope = scope;
        this.data = data;
        this.count = count;
        this.dataStart = HEADER + (long) count * RECORD;
        this.used = new AtomicLongArray((count + 63) / 64);
    }

    /** The pack at {@code file} for this scope; empty when it is missing or cannot be used. Never throws. */
    static ResultPack open(Path file, byte[] scope) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER || size > Integer.MAX_VALUE) {
                return new ResultPack(file, scope, null, 0);
            }
            ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int count = checkedHeader(mapped, scope);
            return count < 0 ? new ResultPack(file, scope, null, 0) : new ResultPack(file, scope, mapped, count);
        } catch (IOException | RuntimeException | InternalError e) {
            return new ResultPack(file, scope, null, 0); // missing, unreadable, torn or foreign: nothing in it is trusted
        }
    }

    /** The entry count of a sound pack of this scope, or -1. */
    private static int checkedHeader(ByteBuffer b, byte[] scope) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return -1;
            }
        }
        if (b.getInt(4) != FORMAT || !b.slice(8, 32).equals(ByteBuffer.wrap(scope))) {
            return -1;
        }
        int count = b.getInt(48);
        if (count < 0 || HEADER + (long) count * RECORD > b.capacity()) {
            return -1;
        }
        CRC32 crc = new CRC32();
        crc.update(b.slice(HEADER, count * RECORD));
        return b.getInt(52) == (int) crc.getValue() ? count : -1;
    }

    /** The position of (kind, id) in the index, or -1. */
    private int find(byte kind, byte[] id) {
        ByteBuffer wanted = ByteBuffer.wrap(id);
        int lo = 0, hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareAt(HEADER + mid * RECORD, kind, wanted);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Compares the index record at {@code at} with (kind, id): eight bytes at a time, big-endian as stored. */
    private int compareAt(int at, byte kind, ByteBuffer id) {
        int c = Integer.compare(data.get(at) & 0xff, kind & 0xff);
        for (int i = 0; c == 0 && i < ID; i += 8) {
            c = Long.compareUnsigned(data.getLong(at + 1 + i), id.getLong(i));
        }
        return c;
    }

    /**
     * The bytes stored under this id as a read-only view (of the mapping, or of what this run added), or null
     * (absent, or damaged: then the entry is forgotten). Marks it used.
     */
    ByteBuffer view(byte kind, byte[] id) {
        if (!added.isEmpty()) {
            AddedEntry f = added.get(new Key(kind, id));
            if (f != null) {
                return ByteBuffer.wrap(f.bytes()).asReadOnlyBuffer();
            }
        }
        if (data == null || id.length != ID) {
            return null;
        }
        int i = find(kind, id);
        if (i < 0 || damaged.contains(i)) {
            return null;
        }
        int at = HEADER + i * RECORD + 1 + ID;
        int lastUsed = data.getInt(at);
        long offset = data.getLong(at + 4);
        int length = data.getInt(at + 12);
        int expected = data.getInt(at + 16);
        ByteBuffer entry;
        try {
            if (offset < 0 || length < 0 || dataStart + offset + length > data.capacity()) {
                throw new IndexOutOfBoundsException();
            }
            entry = data.slice((int) (dataStart + offset), length);
            CRC32 crc = new CRC32();
            crc.update(entry.duplicate());
            if ((int) crc.getValue() != expected) {
                throw new IllegalStateException("entry checksum");
            }
        } catch (RuntimeException | InternalError e) {
            damaged.add(i);
            dirty = true;
            return null;
        }
        used.getAndAccumulate(i >>> 6, 1L << (i & 63), (a, b) -> a | b);
        if (lastUsed < nowMinutes() - REFRESH_MINUTES) {
            dirty = true;
        }
        return entry;
    }

    /** The bytes stored under this id, copied, or null; see {@link #view}. */
    byte[] get(byte kind, byte[] id) {
        ByteBuffer v = view(kind, id);
        if (v == null) {
            return null;
        }
        byte[] bytes = new byte[v.remaining()];
        v.get(bytes);
        return bytes;
    }

    void put(byte kind, byte[] id, byte[] bytes) {
        if (id.length != ID) {
            throw new IllegalArgumentException("id of " + id.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        added.put(new Key(kind, id.clone()), new AddedEntry(bytes, (int) crc.getValue()));
        dirty = true;
    }

    /**
     * Writes the pack when this run changed it; returns false when it could not (read-only or full disk: the run
     * goes on without a cache). Never throws.
     */
    synchronized boolean save() {
        if (!dirty || broken) {
            return !broken;
        }
        Path tmp = null;
        try {
            List<PackEntry> live = liveEntries();
            byte[] index = new byte[live.size() * RECORD];
            ByteBuffer ix = ByteBuffer.wrap(index);
            long offset = 0;
            for (PackEntry k : live) {
                ix.put(k.key().kind).put(k.key().id).putInt(k.lastUsed()).putLong(offset).putInt(k.length()).putInt(k.crc());
                offset += k.length();
            }
            CRC32 crc = new CRC32();
            crc.update(index);
            PrivateFiles.createDirectories(file.getParent());
            tmp = file.resolveSibling(file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            // Packs hold printed source lines (secrets in an UPDATE ... SET key = '...'): readable by the owner only.
            PrivateFiles.createFile(tmp);
            try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.write(MAGIC);
                out.writeInt(FORMAT);
                out.write(scope);
                out.writeLong(System.currentTimeMillis());
                out.writeInt(live.size());
                out.writeInt((int) crc.getValue());
                out.write(index);
                byte[] copy = new byte[1 << 16];
                for (PackEntry k : live) {
                    if (k.fresh() != null) {
                        out.write(k.fresh());
                        continue;
                    }
                    for (int done = 0; done < k.length(); ) {
                        int n = Math.min(copy.length, k.length() - done);
                        data.get((int) (dataStart + k.offset() + done), copy, 0, n);
                        out.write(copy, 0, n);
                        done += n;
                    }
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            dirty = false;
            removeStaleTemporaries();
            return true;
        } catch (IOException | RuntimeException | InternalError e) {
            broken = true;
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

    /**
     * The entries worth keeping, in index order: this run's and the mapping's (but those damaged or replaced), used
     * within the age limit, the most recently used up to the size limit.
     */
    private List<PackEntry> liveEntries() {
        int now = nowMinutes();
        int oldest = now - MAX_AGE_MINUTES;
        List<PackEntry> live = new ArrayList<>(count + added.size());
        added.forEach((k, f) -> live.add(new PackEntry(k, -1, f.bytes(), f.bytes().length, f.crc(), now)));
        for (int i = 0; i < count; i++) {
            int at = HEADER + i * RECORD;
            byte[] id = new byte[ID];
            data.get(at + 1, id);
            Key key = new Key(data.get(at), id);
            boolean wasUsed = (used.get(i >>> 6) & (1L << (i & 63))) != 0;
            int lastUsed = wasUsed ? now : data.getInt(at + 1 + ID);
            if (!damaged.contains(i) && lastUsed >= oldest && !added.containsKey(key)) {
                live.add(new PackEntry(key, data.getLong(at + 5 + ID), null, data.getInt(at + 13 + ID),
                        data.getInt(at + 17 + ID), lastUsed));
            }
        }
        live.sort((a, b) -> Integer.compare(b.lastUsed(), a.lastUsed()));
        long total = 0;
        int keep = 0;
        while (keep < live.size() && total + live.get(keep).length() <= MAX_BYTES) {
            total += live.get(keep).length();
            keep++;
        }
        List<PackEntry> kept = new ArrayList<>(live.subList(0, keep));
        kept.sort((a, b) -> a.key().compareTo(b.key()));
        return kept;
    }

    /** Temporary files of runs that died before renaming them. */
    private void removeStaleTemporaries() {
        long cutoff = System.currentTimeMillis() - 3_600_000L;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(file.getParent(), "*.tmp")) {
            for (Path p : files) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static int nowMinutes() {
        return (int) (System.currentTimeMillis() / 60_000L);
    }
}
