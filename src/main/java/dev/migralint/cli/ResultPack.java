package dev.migralint.cli;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * The one file a result-cache scope lives in: every entry of the scope, read with one mapping and written whole.
 *
 * <p>A warm run reads thousands of small entries; one file per entry cost an open and a read each. The pack is mapped
 * once, its index (kind, id, where, checksum, last use) parsed, and an entry's bytes are checked against their CRC the
 * first time they are read. It is written only when the run changed something (or entries it used have not been
 * marked used for a day): to a temporary file renamed into place, so a concurrent reader keeps the pack it mapped and
 * concurrent writers leave one complete pack (the last one renamed). A pack that is torn, truncated or of another
 * scope reads as empty: every lookup misses, nothing fails.
 *
 * <p>Size is bounded: when written, entries unused for {@link #MAX_AGE_MINUTES} are dropped, then the least recently
 * used ones until the pack fits in {@link #MAX_BYTES}.
 */
final class ResultPack {
    static final byte STAT = 1, LINT = 2, REPORT = 3, FINDINGS = 4;
    static final long MAX_BYTES = 256L << 20;
    static final int MAX_AGE_MINUTES = 30 * 24 * 60;
    /** A used entry whose last-use mark is older than this gets a fresh one (and the pack is rewritten). */
    private static final int REFRESH_MINUTES = 24 * 60;
    private static final byte[] MAGIC = {'M', 'L', 'R', 'P'};
    private static final int FORMAT = 2;
    private static final int HEADER = MAGIC.length + 4 + 32 + 8 + 4 + 4;

    record Key(byte kind, String id) {
    }

    private static final class Slot {
        final long offset;
        final int length;
        final int crc;
        final byte[] fresh;
        volatile int lastUsed;

        Slot(long offset, int length, int crc, byte[] fresh, int lastUsed) {
            this.offset = offset;
            this.length = length;
            this.crc = crc;
            this.fresh = fresh;
            this.lastUsed = lastUsed;
        }
    }

    private final Path file;
    private final byte[] scope;
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final ByteBuffer data;
    private volatile boolean dirty;
    private volatile boolean broken;

    private ResultPack(Path file, byte[] scope, ByteBuffer data) {
        this.file = file;
        this.scope = scope;
        this.data = data;
    }

    /** The pack at {@code file} for this scope; empty when it is missing or cannot be used. Never throws. */
    static ResultPack open(Path file, byte[] scope) {
        ByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER || size > Integer.MAX_VALUE) {
                return new ResultPack(file, scope, null);
            }
            mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            return new ResultPack(file, scope, null);
        } catch (IOException | RuntimeException e) {
            return new ResultPack(file, scope, null);
        }
        ResultPack pack = new ResultPack(file, scope, mapped);
        try {
            pack.readIndex();
        } catch (IOException | RuntimeException | InternalError e) {
            pack.slots.clear(); // a torn or foreign pack: nothing in it is trusted
            return new ResultPack(file, scope, null);
        }
        return pack;
    }

    private void readIndex() throws IOException {
        ByteBuffer b = data.duplicate();
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        byte[] storedScope = new byte[32];
        if (!Arrays.equals(magic, MAGIC) || b.getInt() != FORMAT) {
            throw new IOException("not a pack");
        }
        b.get(storedScope);
        if (!Arrays.equals(storedScope, scope)) {
            throw new IOException("pack of another scope");
        }
        b.getLong(); // written at
        int count = b.getInt();
        int indexLength = b.getInt();
        if (count < 0 || indexLength < 0 || (long) HEADER + indexLength + 4 > data.capacity()) {
            throw new IOException("bad index");
        }
        byte[] index = new byte[indexLength];
        b.get(index);
        CRC32 crc = new CRC32();
        crc.update(index);
        if (b.getInt() != (int) crc.getValue()) {
            throw new IOException("index checksum");
        }
        long dataStart = HEADER + (long) indexLength + 4;
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(index));
        for (int i = 0; i < count; i++) {
            byte kind = in.readByte();
            int lastUsed = in.readInt();
            byte[] id = new byte[in.readUnsignedShort()];
            in.readFully(id);
            long offset = in.readLong();
            int length = in.readInt();
            int entryCrc = in.readInt();
            if (offset < 0 || length < 0 || dataStart + offset + length > data.capacity()) {
                throw new IOException("entry out of bounds");
            }
            slots.put(new Key(kind, new String(id, StandardCharsets.UTF_8)),
                    new Slot(dataStart + offset, length, entryCrc, null, lastUsed));
        }
    }

    /** The bytes stored under this id, or null (absent, or damaged: then the entry is forgotten). Marks it used. */
    byte[] get(byte kind, String id) {
        Key key = new Key(kind, id);
        Slot s = slots.get(key);
        if (s == null) {
            return null;
        }
        byte[] bytes = s.fresh;
        if (bytes == null) {
            bytes = new byte[s.length];
            try {
                data.get((int) s.offset, bytes);
            } catch (RuntimeException | InternalError e) {
                slots.remove(key, s);
                return null;
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if ((int) crc.getValue() != s.crc) {
                slots.remove(key, s);
                dirty = true;
                return null;
            }
        }
        int now = nowMinutes();
        if (s.lastUsed < now - REFRESH_MINUTES) {
            dirty = true;
        }
        s.lastUsed = now;
        return bytes;
    }

    void put(byte kind, String id, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        slots.put(new Key(kind, id), new Slot(-1, bytes.length, (int) crc.getValue(), bytes, nowMinutes()));
        dirty = true;
    }

    int size() {
        return slots.size();
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
            List<Map.Entry<Key, Slot>> live = liveSlots();
            ByteArrayOutputStream indexBytes = new ByteArrayOutputStream(live.size() * 96);
            DataOutputStream index = new DataOutputStream(indexBytes);
            long offset = 0;
            for (Map.Entry<Key, Slot> e : live) {
                byte[] id = e.getKey().id().getBytes(StandardCharsets.UTF_8);
                Slot s = e.getValue();
                index.writeByte(e.getKey().kind());
                index.writeInt(s.lastUsed);
                index.writeShort(id.length);
                index.write(id);
                index.writeLong(offset);
                index.writeInt(s.length);
                index.writeInt(s.crc);
                offset += s.length;
            }
            index.flush();
            byte[] indexArray = indexBytes.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(indexArray);
            Files.createDirectories(file.getParent());
            tmp = file.resolveSibling(file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.write(MAGIC);
                out.writeInt(FORMAT);
                out.write(scope);
                out.writeLong(System.currentTimeMillis());
                out.writeInt(live.size());
                out.writeInt(indexArray.length);
                out.write(indexArray);
                out.writeInt((int) crc.getValue());
                byte[] copy = new byte[1 << 16];
                for (Map.Entry<Key, Slot> e : live) {
                    Slot s = e.getValue();
                    if (s.fresh != null) {
                        out.write(s.fresh);
                        continue;
                    }
                    for (int done = 0; done < s.length; ) {
                        int n = Math.min(copy.length, s.length - done);
                        data.get((int) s.offset + done, copy, 0, n);
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

    /** The entries worth keeping: used within the age limit, most recently used first, up to the size limit. */
    private List<Map.Entry<Key, Slot>> liveSlots() {
        int oldest = nowMinutes() - MAX_AGE_MINUTES;
        List<Map.Entry<Key, Slot>> live = new ArrayList<>(slots.size());
        for (Map.Entry<Key, Slot> e : slots.entrySet()) {
            if (e.getValue().lastUsed >= oldest) {
                live.add(e);
            }
        }
        live.sort((a, b) -> Integer.compare(b.getValue().lastUsed, a.getValue().lastUsed));
        long total = 0;
        int keep = 0;
        while (keep < live.size() && total + live.get(keep).getValue().length <= MAX_BYTES) {
            total += live.get(keep).getValue().length;
            keep++;
        }
        return live.subList(0, keep);
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
