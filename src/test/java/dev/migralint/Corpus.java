package dev.migralint;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared corpus of real migrations, when it sits beside the checkout; tests that need it skip without it. */
public final class Corpus {
    private Corpus() {
    }

    public static Path dir() {
        String prop = System.getProperty("migralint.corpus");
        Path dir = prop != null ? Path.of(prop) : Path.of("../shared/corpus");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared corpus not found at " + dir + "; skipping");
        return dir.toAbsolutePath().normalize();
    }

    public static List<Path> sqlFiles() {
        try (Stream<Path> s = Files.walk(dir())) {
            return s.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
