package dev.migralint.cache;

import dev.migralint.report.RuleTallies;
import dev.migralint.report.RunTotals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A whole check's answer: which report entries it printed, in order, with the run's totals, and the stat data of
 * everything the answer depends on besides the scope (the configuration, rules and build, which pick the pack it is
 * in): the selected files, the directories whose listings gave the history facts, the paths runner and dialect
 * detection looked at. Stored under the run's own inputs (working directory, arguments, report form), it answers the
 * same command again with one stat per thing it watches: no file selection, no history facts, no key chaining.
 *
 * <p>It is made only from stat data taken before what they vouch for was read, and only when every time it records
 * is more than two seconds older than the run: a change within the file system's timestamp granularity of the
 * moment it was read would otherwise leave the same stat data (git's "racily clean" case).
 */
public final class RunManifest {
    static final byte ABSENT = 0, FILE = 1, DIRECTORY = 2, OTHER = 3;
    private static final int FORMAT = 2;

    /**
     * What one stat of {@code path} said. {@code followLinks}: stat what a link points to (directories and probes);
     * a selected file is stat-ed itself, so that a file replaced by a link is a change.
     */
    public record StatSnapshot(String path, boolean followLinks, byte type, long size, long modifiedNanos, String fileKey) {
        /** Stats {@code path} now. */
        public static StatSnapshot of(Path path, boolean followLinks) {
            try {
                BasicFileAttributes a = followLinks ? Files.readAttributes(path, BasicFileAttributes.class)
                        : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return of(path, followLinks, a);
            } catch (IOException | RuntimeException e) {
                return new StatSnapshot(path.toString(), followLinks, ABSENT, 0, 0, "");
            }
        }

        public static StatSnapshot of(Path path, boolean followLinks, BasicFileAttributes a) {
            byte type = a.isRegularFile() ? FILE : a.isDirectory() ? DIRECTORY : OTHER;
            return new StatSnapshot(path.toString(), followLinks, type, a.size(),
                    FileStat.nanos(a.lastModifiedTime()), FileStat.identity(path, a, followLinks));
        }

        /** Whether a stat now says the same. */
        public boolean holds() {
            StatSnapshot now = of(Path.of(path), followLinks);
            return now.type == type && now.size == size && now.modifiedNanos == modifiedNanos
                    && now.fileKey.equals(fileKey);
        }

        /** Whether its time is old enough, at {@code startMillis}, to be trusted later (see the class comment). */
        public boolean settled(long startMillis) {
            return type == ABSENT || modifiedNanos < (startMillis - 2_000L) * 1_000_000L;
        }
    }

    private final List<StatSnapshot> witnesses;
    private final List<byte[]> reports;
    private final RunTotals totals;

    public RunManifest(List<StatSnapshot> witnesses, List<byte[]> reports, RunTotals totals) {
        this.witnesses = witnesses;
        this.reports = reports;
        this.totals = totals;
    }

    /** The id a run's answer is kept under: what, besides the scope and the witnessed files, decides the answer. */
    public static byte[] id(Path cwd, List<String> paths, String form) {
        MessageDigest md = Hashes.sha();
        update(md, "run");
        update(md, cwd.toString());
        update(md, form);
        update(md, Integer.toString(paths.size()));
        for (String p : paths) {
            update(md, p);
        }
        return md.digest();
    }

    public List<byte[]> reports() {
        return reports;
    }

    /** The run's totals, without threshold and time. */
    public RunTotals totals() {
        return totals;
    }

    List<StatSnapshot> witnesses() {
        return witnesses;
    }

    /** Whether every witness still says the same (stat-ed in parallel: a few thousand stats). */
    public boolean holds() {
        return IntStream.range(0, witnesses.size()).parallel().allMatch(i -> witnesses.get(i).holds());
    }

    public byte[] encode() {
        List<byte[]> paths = new ArrayList<>(witnesses.size());
        List<byte[]> keys = new ArrayList<>(witnesses.size());
        byte[] tallies = totals.byRule().encode();
        int size = 4 + 4 + 9 * 8 + 4 + tallies.length + 4 + reports.size() * ResultPack.ID;
        for (StatSnapshot w : witnesses) {
            byte[] p = w.path().getBytes(StandardCharsets.UTF_8);
            byte[] k = w.fileKey().getBytes(StandardCharsets.UTF_8);
            if (p.length > 0xffff || k.length > 0xffff) {
                return null;
            }
            paths.add(p);
            keys.add(k);
            size += 2 + 8 + 8 + 2 + 2 + p.length + k.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(FORMAT).putInt(witnesses.size());
        for (int i = 0; i < witnesses.size(); i++) {
            StatSnapshot w = witnesses.get(i);
            b.put(w.type()).put((byte) (w.followLinks() ? 1 : 0)).putLong(w.size()).putLong(w.modifiedNanos())
                    .putShort((short) paths.get(i).length).putShort((short) keys.get(i).length)
                    .put(paths.get(i)).put(keys.get(i));
        }
        b.putLong(totals.files()).putLong(totals.statements()).putLong(totals.errors()).putLong(totals.warnings())
                .putLong(totals.notices()).putLong(totals.ignoredInline()).putLong(totals.baselined())
                .putLong(totals.filesWithWarnings()).putLong(totals.filesFailing());
        b.putInt(tallies.length).put(tallies);
        b.putInt(reports.size());
        reports.forEach(b::put);
        return b.array();
    }

    /** The manifest in these bytes, or null when they are not one. */
    public static RunManifest decode(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            ByteBuffer b = bytes.duplicate();
            if (b.getInt() != FORMAT) {
                return null;
            }
            int n = b.getInt();
            if (n < 0 || n > b.remaining() / 22) {
                return null;
            }
            List<StatSnapshot> witnesses = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte type = b.get();
                boolean follow = b.get() != 0;
                long size = b.getLong();
                long modified = b.getLong();
                int pathLength = b.getShort() & 0xffff;
                int keyLength = b.getShort() & 0xffff;
                byte[] text = new byte[pathLength + keyLength];
                b.get(text);
                witnesses.add(new StatSnapshot(new String(text, 0, pathLength, StandardCharsets.UTF_8), follow, type, size,
                        modified, new String(text, pathLength, keyLength, StandardCharsets.UTF_8)));
            }
            long[] counts = new long[9];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = b.getLong();
            }
            int tallyLength = b.getInt();
            if (tallyLength < 0 || tallyLength > b.remaining()) {
                return null;
            }
            byte[] tallyBytes = new byte[tallyLength];
            b.get(tallyBytes);
            RuleTallies tallies = RuleTallies.decode(tallyBytes);
            if (tallies == null) {
                return null;
            }
            RunTotals totals = new RunTotals(null, 0, counts[0], counts[1], counts[2], counts[3], counts[4],
                    counts[5], counts[6], counts[7], counts[8], tallies);
            int reportCount = b.getInt();
            if (reportCount < 0 || reportCount * (long) ResultPack.ID != b.remaining()) {
                return null;
            }
            List<byte[]> reports = new ArrayList<>(reportCount);
            for (int i = 0; i < reportCount; i++) {
                byte[] id = new byte[ResultPack.ID];
                b.get(id);
                reports.add(id);
            }
            return new RunManifest(witnesses, reports, totals);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void update(MessageDigest md, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        md.update((byte) (bytes.length >>> 24));
        md.update((byte) (bytes.length >>> 16));
        md.update((byte) (bytes.length >>> 8));
        md.update((byte) bytes.length);
        md.update(bytes);
    }
}
