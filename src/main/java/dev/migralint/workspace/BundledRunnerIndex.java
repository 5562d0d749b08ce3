package dev.migralint.workspace;

import dev.migralint.config.BuildInputs;
import dev.migralint.config.ConfigException;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bundled runner descriptors, parsed from runners/*.yml at build time (pom.xml runs {@link #main} after compile)
 * and stored with the JDK's serialization of records, so that a run reads them without parsing YAML. The YAML stays
 * the source: an index made from other descriptors or other loader classes (after an edit, before the next build) is
 * stale, and {@link Runners} parses the YAML instead.
 */
public final class BundledRunnerIndex {
    static final String RESOURCE = "dev/migralint/workspace/bundled-runners.idx";
    private static final int MAGIC = 0x4D4C524E; // "MLRN"
    /** Bump when the records change shape. */
    private static final int FORMAT = 1;
    private static final List<BuildInputs.Listing> SOURCES = List.of(
            new BuildInputs.Listing("runners/", List.of(".yml")),
            new BuildInputs.Listing("dev/migralint/config/", List.of(".class")));
    /** Only what descriptors are made of: anything else in the stream is refused, not constructed. */
    private static final ObjectInputFilter ONLY_DESCRIPTORS = ObjectInputFilter.Config.createFilter(
            "dev.migralint.workspace.RunnerDescriptor*;java.util.ArrayList;java.util.ImmutableCollections$*;"
                    + "java.util.CollSer;java.lang.Enum;java.lang.String;java.lang.Object;maxdepth=8;maxarray=10000;!*");

    private BundledRunnerIndex() {
    }

    /** Build step: {@code args[0]} is the classes directory (target/classes), holding the classes and runners/. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BundledRunnerIndex CLASSES_DIR");
        }
        Path classes = Path.of(args[0]);
        List<String> loaderClasses = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes.resolve("dev/migralint/workspace"))) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("RunnerDescriptor") || n.startsWith("RunnerLoader"))
                    .filter(n -> n.endsWith(".class"))
                    .sorted()
                    .forEach(n -> loaderClasses.add("dev/migralint/workspace/" + n));
        }
        BuildInputs inputs = BuildInputs.scan(classes, SOURCES, loaderClasses);
        List<RunnerDescriptor> descriptors = new ArrayList<>();
        for (BuildInputs.Input in : inputs.inputs()) {
            if (in.name().startsWith("runners/")) {
                String text = Files.readString(classes.resolve(in.name()), StandardCharsets.UTF_8);
                try {
                    descriptors.add(RunnerLoader.load(in.name(), text));
                } catch (ConfigException e) {
                    throw new IllegalStateException(e.describe(), e); // a broken bundled descriptor fails the build
                }
            }
        }
        Path target = classes.resolve(RESOURCE);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            write(out, inputs, descriptors);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void write(DataOutputStream out, BuildInputs inputs, List<RunnerDescriptor> descriptors) throws IOException {
        inputs.writeHeader(out, MAGIC, FORMAT);
        ObjectOutputStream objects = new ObjectOutputStream(out);
        objects.writeObject(new ArrayList<>(descriptors));
        objects.flush();
    }

    /** The bundled descriptors from the index, or null when it is missing, stale or unreadable. */
    static List<RunnerDescriptor> read() {
        try (DataInputStream in = BuildInputs.openIndex(BundledRunnerIndex.class, RESOURCE, MAGIC, FORMAT)) {
            return in == null ? null : descriptors(in);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    /** The descriptors after an index's header. */
    static List<RunnerDescriptor> descriptors(DataInputStream in) throws IOException, ClassNotFoundException {
        ObjectInputStream objects = new ObjectInputStream(in);
        objects.setObjectInputFilter(ONLY_DESCRIPTORS);
        List<RunnerDescriptor> list = new ArrayList<>();
        for (Object o : (List<?>) objects.readObject()) {
            list.add((RunnerDescriptor) o);
        }
        return list;
    }

    /** For tests: what {@link Runners} parses from the YAML, by file name. */
    static List<RunnerDescriptor> parsed(Map<String, String> texts) throws ConfigException {
        List<RunnerDescriptor> list = new ArrayList<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            list.add(RunnerLoader.load(e.getKey(), e.getValue()));
        }
        return list;
    }
}
