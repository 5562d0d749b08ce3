package dev.migralint.config;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class-path resources a build-time index was derived from (rule files, class files), by size and CRC-32, so that
 * a run can tell the index still matches them without reading them: in a jar the central directory already holds
 * every entry's size and CRC. An index whose inputs changed since it was written (target/classes after an edit, before
 * the next build) is stale, and its reader falls back to the sources.
 *
 * @param listed   directories whose files with these suffixes must be exactly the recorded ones, e.g. a rule added to
 *                 rules/ (checked where the class path is a directory: a jar is packaged with its index in one build)
 */
public record BuildInputs(List<Input> inputs, List<Listing> listed) {

    /** One resource: its class-path name, size and CRC-32. */
    public record Input(String name, long size, long crc) {}

    /** The resources of one directory ending in one of the suffixes. */
    public record Listing(String dir, List<String> suffixes) {
        boolean covers(String name) {
            if (!name.startsWith(dir) || name.indexOf('/', dir.length()) >= 0) {
                return false;
            }
            for (String s : suffixes) {
                if (name.endsWith(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    public BuildInputs {
        inputs = List.copyOf(inputs);
        listed = List.copyOf(listed);
    }

    /** Build time: the resources of {@code classes} under these listings, plus these single resources. */
    public static BuildInputs scan(Path classes, List<Listing> listed, List<String> single) throws IOException {
        TreeSet<String> names = new TreeSet<>(single);
        for (Listing l : listed) {
            Path dir = classes.resolve(l.dir());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> l.dir() + p.getFileName()).filter(l::covers).forEach(names::add);
            }
        }
        List<Input> inputs = new ArrayList<>();
        for (String name : names) {
            byte[] bytes = Files.readAllBytes(classes.resolve(name));
            inputs.add(new Input(name, bytes.length, crc(bytes)));
        }
        return new BuildInputs(inputs, listed);
    }

    /**
     * True when the class path {@code anchor} was loaded from holds exactly these inputs. Any doubt (an unknown code
     * source, an unreadable entry) is a mismatch.
     */
    public boolean current(Class<?> anchor) {
        Path location = location(anchor);
        return location != null && currentAt(location);
    }

    /** True when this class-path entry (a directory or a jar) holds exactly these inputs. */
    public boolean currentAt(Path location) {
        try {
            return Files.isDirectory(location) ? currentIn(location) : currentInJar(location);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean currentInJar(Path jar) throws IOException {
        ZipFile file = openJar(jar);
        for (Input in : inputs) {
            ZipEntry e = file.getEntry(in.name());
            if (e == null || e.getSize() != in.size() || e.getCrc() != in.crc()) {
                return false;
            }
        }
        return true;
    }

    /** Jars read from, open until the JVM exits; by path and file attributes, so a jar rewritten in place is reopened. */
    private static final Map<String, ZipFile> OPEN_JARS = new ConcurrentHashMap<>();

    /** Not a record: a record's hash code is bootstrapped on first use, a start-up cost for one lookup. */
    private static String jarKey(Path jar) throws IOException {
        BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
        return jar + "|" + a.fileKey() + "|" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "|" + a.size();
    }

    /**
     * The jar, opened once. A ZipFile, not a JarFile: the jar is multi-release, and a JarFile looks each name up once
     * per version. Kept open: opening a jar that no other ZipFile holds open reads its whole central directory again
     * (migralint's has over 5,000 entries, a few milliseconds in a cold JVM), and a run reads three resources from it.
     */
    private static ZipFile openJar(Path jar) throws IOException {
        String key = jarKey(jar);
        ZipFile open = OPEN_JARS.get(key);
        if (open == null) {
            synchronized (OPEN_JARS) {
                open = OPEN_JARS.get(key);
                if (open == null) {
                    open = new ZipFile(jar.toFile());
                    OPEN_JARS.put(key, open);
                }
            }
        }
        return open;
    }

    private boolean currentIn(Path classes) throws IOException {
        TreeSet<String> recorded = new TreeSet<>();
        for (Input in : inputs) {
            Path p = classes.resolve(in.name());
            if (!Files.isRegularFile(p) || Files.size(p) != in.size() || crc(Files.readAllBytes(p)) != in.crc()) {
                return false;
            }
            recorded.add(in.name());
        }
        for (Listing l : listed) {
            Path dir = classes.resolve(l.dir());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                if (files.map(p -> l.dir() + p.getFileName()).anyMatch(n -> l.covers(n) && !recorded.contains(n))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(listed.size());
        for (Listing l : listed) {
            out.writeUTF(l.dir());
            out.writeInt(l.suffixes().size());
            for (String s : l.suffixes()) {
                out.writeUTF(s);
            }
        }
        out.writeInt(inputs.size());
        for (Input in : inputs) {
            byte[] name = in.name().getBytes(StandardCharsets.UTF_8);
            out.writeShort(name.length);
            out.write(name);
            out.writeLong(in.size());
            out.writeLong(in.crc());
        }
    }

    public static BuildInputs read(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Listing> listed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String dir = in.readUTF();
            int m = in.readInt();
            List<String> suffixes = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                suffixes.add(in.readUTF());
            }
            listed.add(new Listing(dir, suffixes));
        }
        n = in.readInt();
        List<Input> inputs = new ArrayList<>(n);
        byte[] name = new byte[1024];
        for (int i = 0; i < n; i++) {
            // Not readUTF: its decoding loop is slow before the JIT warms up, and names are read on every run.
            int length = in.readUnsignedShort();
            if (length > name.length) {
                name = new byte[length];
            }
            in.readFully(name, 0, length);
            inputs.add(new Input(new String(name, 0, length, StandardCharsets.UTF_8), in.readLong(), in.readLong()));
        }
        return new BuildInputs(inputs, listed);
    }

    /**
     * Opens a class-path resource next to {@code anchor}, or null when it is absent. From the anchor's own jar when it
     * has one: the class loader would first ask the JDK's modules for it, a few milliseconds of a hook's start-up.
     */
    public static InputStream open(Class<?> anchor, String resource) {
        Path jar = jarOf(anchor);
        if (jar != null) {
            try {
                ZipFile zip = openJar(jar);
                ZipEntry e = zip.getEntry(resource);
                if (e != null) {
                    return zip.getInputStream(e);
                }
            } catch (IOException | RuntimeException e) {
                // the class loader below
            }
        }
        return Objects.requireNonNull(anchor.getClassLoader()).getResourceAsStream(resource);
    }

    /** The jar {@code anchor} was loaded from, or null (a classes directory, an unknown code source). */
    private static Path jarOf(Class<?> anchor) {
        Path p = location(anchor);
        return p != null && Files.isRegularFile(p) ? p : null;
    }

    /** The class-path entry (a jar or a classes directory) {@code anchor} was loaded from, or null when unknown. */
    private static Path location(Class<?> anchor) {
        try {
            var source = anchor.getProtectionDomain().getCodeSource();
            if (source == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            return Paths.get(source.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Starts a build index: its magic number, its format and these inputs, which a run checks the class path against. */
    public void writeHeader(DataOutputStream out, int magic, int format) throws IOException {
        out.writeInt(magic);
        out.writeInt(format);
        write(out);
    }

    /**
     * Opens a build index next to {@code anchor} past its header (see {@link #writeHeader}), or null when it is missing,
     * of another magic or format, or made from inputs the class path no longer holds (then the caller reads the
     * sources instead). The caller closes the stream.
     */
    public static DataInputStream openIndex(Class<?> anchor, String resource, int magic, int format) throws IOException {
        InputStream raw = open(anchor, resource);
        if (raw == null) {
            return null;
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        try {
            if (in.readInt() == magic && in.readInt() == format && read(in).current(anchor)) {
                return in;
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        in.close();
        return null;
    }
}
