package dev.migralint.workspace;

import dev.migralint.config.BinaryIn;
import dev.migralint.config.BinaryOut;
import dev.migralint.config.BuildInputs;
import dev.migralint.config.ConfigException;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The runners a run knows: the descriptors bundled under {@code runners/} plus those a configuration adds (a user's
 * runner with a bundled id replaces it), in detection order.
 */
public final class Runners {
    private static volatile Runners bundled;

    private final Map<String, RunnerDescriptor> byId;
    private final List<RunnerDescriptor> inOrder;

    private Runners(List<RunnerDescriptor> descriptors) {
        Map<String, RunnerDescriptor> m = new LinkedHashMap<>();
        for (RunnerDescriptor d : descriptors) {
            m.put(d.id(), d);
        }
        this.byId = Collections.unmodifiableMap(m);
        List<RunnerDescriptor> order = new ArrayList<>(m.values());
        // One lambda of ours, which the start-up archive keeps; Comparator's combinators spin three at every start.
        order.sort((a, b) -> a.order() != b.order() ? Integer.compare(a.order(), b.order()) : a.id().compareTo(b.id()));
        this.inOrder = List.copyOf(order);
    }

    /**
     * The bundled descriptors: those the build's index holds, else (no current index: a class path of loose files)
     * each file loaded. A broken bundled descriptor is a build error, so this throws unchecked.
     */
    public static Runners bundled() {
        Runners b = bundled;
        if (b == null) {
            synchronized (Runners.class) {
                if (bundled == null) {
                    List<RunnerDescriptor> list = indexedDescriptors();
                    if (list == null) {
                        list = new ArrayList<>();
                        for (Map.Entry<String, String> e : listedTexts().entrySet()) {
                            try {
                                list.add(RunnerLoader.load(e.getKey(), e.getValue()));
                            } catch (ConfigException ex) {
                                throw new IllegalStateException(ex.describe(), ex);
                            }
                        }
                    }
                    bundled = new Runners(list);
                }
                b = bundled;
            }
        }
        return b;
    }

    /** These runners with {@code extra} added (replacing bundled ones of the same id). */
    public Runners with(List<RunnerDescriptor> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<RunnerDescriptor> all = new ArrayList<>(byId.values());
        all.removeIf(d -> extra.stream().anyMatch(x -> x.id().equals(d.id())));
        all.addAll(extra);
        return new Runners(all);
    }

    /** By id or alias, case-insensitively; null when unknown. */
    public RunnerDescriptor find(String idOrAlias) {
        if (idOrAlias == null) {
            return null;
        }
        String k = idOrAlias.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        RunnerDescriptor d = byId.get(k);
        if (d != null) {
            return d;
        }
        for (RunnerDescriptor r : inOrder) {
            for (String a : r.aliases()) {
                if (a.equalsIgnoreCase(k)) {
                    return r;
                }
            }
        }
        return null;
    }

    public List<RunnerDescriptor> inDetectionOrder() {
        return inOrder;
    }

    public List<String> ids() {
        return inOrder.stream().map(RunnerDescriptor::id).sorted().toList();
    }

    /**
     * The build's copy of the bundled descriptor files (see {@link #writeIndex}): their names and texts, then the
     * descriptors they load to ({@link RunnerCodec}), in one resource, so that a run neither walks the jar's
     * 5,000-entry directory to find them nor opens and parses each.
     */
    public static final String INDEX = "dev/migralint/workspace/bundled-runners.idx";
    private static final int MAGIC = 0x4D4C524E; // "MLRN"
    private static final int FORMAT = 2;
    /** What the index is a copy of: the descriptor files. */
    public static final List<BuildInputs.Listing> SOURCES = List.of(new BuildInputs.Listing("runners/", List.of(".yml")));

    /**
     * Build time: the descriptor files the inputs list, with their texts read from {@code classes}. Each is loaded
     * first: a broken bundled descriptor fails the build with its file and line, not a user's run.
     */
    public static void writeIndex(DataOutputStream out, BuildInputs inputs, Path classes) throws IOException {
        inputs.writeHeader(out, MAGIC, FORMAT);
        out.writeInt(inputs.inputs().size());
        List<RunnerDescriptor> loaded = new ArrayList<>();
        for (BuildInputs.Input in : inputs.inputs()) {
            byte[] text = Files.readAllBytes(classes.resolve(in.name()));
            try {
                loaded.add(RunnerLoader.load(in.name(), new String(text, StandardCharsets.UTF_8)));
            } catch (ConfigException e) {
                // exec-maven-plugin prints only the message: make it name the file and line.
                throw new IllegalStateException(e.describe(), e);
            }
            byte[] name = in.name().getBytes(StandardCharsets.UTF_8);
            out.writeInt(name.length);
            out.write(name);
            out.writeInt(text.length);
            out.write(text);
        }
        BinaryOut descriptors = new BinaryOut(out);
        for (RunnerDescriptor d : loaded) {
            RunnerCodec.write(descriptors, d);
        }
    }

    /** The texts from the index, or null when it is missing, of another format or no longer matches the files. */
    static Map<String, String> indexedTexts() {
        try (DataInputStream in = BuildInputs.openIndex(Runners.class, INDEX, MAGIC, FORMAT)) {
            return in == null ? null : readTexts(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The descriptors from the index, or null when it is missing, of another format or no longer matches the files. */
    static List<RunnerDescriptor> indexedDescriptors() {
        try (DataInputStream in = BuildInputs.openIndex(Runners.class, INDEX, MAGIC, FORMAT)) {
            if (in == null) {
                return null;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                in.skipNBytes(in.readInt()); // the name
                in.skipNBytes(in.readInt()); // the text
            }
            BinaryIn descriptors = new BinaryIn(in);
            List<RunnerDescriptor> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(RunnerCodec.read(descriptors));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> readTexts(DataInputStream in) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            byte[] name = new byte[in.readInt()];
            in.readFully(name);
            byte[] text = new byte[in.readInt()];
            in.readFully(text);
            texts.put(new String(name, StandardCharsets.UTF_8), new String(text, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** The bundled descriptor files' texts by name ("runners/goose.yml"), sorted by name. */
    public static Map<String, String> bundledTexts() {
        Map<String, String> indexed = indexedTexts();
        return indexed != null ? indexed : listedTexts();
    }

    /** As {@link #bundledTexts()}, from the class path's own listing (without a current index). */
    static Map<String, String> listedTexts() {
        List<String> names = new ArrayList<>();
        try {
            URL self = Runners.class.getProtectionDomain().getCodeSource().getLocation();
            Path location = Paths.get(self.toURI());
            if (Files.isDirectory(location)) {
                Path dir = location.resolve("runners");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(p -> "runners/" + p.getFileName()).filter(n -> n.endsWith(".yml")).forEach(names::add);
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith("runners/") && name.indexOf('/', 8) < 0 && name.endsWith(".yml")) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the bundled runners: " + e.getMessage(), e);
        }
        Collections.sort(names);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : names) {
            try (InputStream in = Runners.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + ": bundled runner missing from the class path");
                }
                texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }
}
