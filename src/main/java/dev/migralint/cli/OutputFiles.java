package dev.migralint.cli;

import dev.migralint.config.Printable;
import dev.migralint.engine.UsageException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where reports and baselines may be written, and whether they were. A PrintWriter swallows write errors (a full disk,
 * a closed pipe, /dev/full), so a report that was lost must be asked for with {@link PrintWriter#checkError()}.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Creates the missing parent directories of an output file, but only inside {@code root} (the repository, or the
     * project root outside one): a typo in --output must not create directories elsewhere.
     */
    static void prepareParent(Path file, Path root) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        Path base = root == null ? Setup.cwd() : root.toAbsolutePath().normalize();
        if (!parent.startsWith(base)) {
            throw new UsageException("cannot write " + Printable.of(file.toString()) + ": the directory "
                    + Printable.of(parent.toString()) + " does not exist, and migralint creates directories only inside "
                    + Printable.of(base.toString()));
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UsageException("cannot write " + Printable.of(file.toString()) + ": cannot create "
                    + Printable.of(parent.toString()) + " (" + Printable.of(e.getMessage()) + ")");
        }
    }

    /** Fails the run (exit 2) when what was written to {@code out} was not all written. */
    static void checkWritten(PrintWriter out, String what) {
        if (out.checkError()) {
            throw new UsageException("cannot write " + Printable.of(what)
                    + ": the write failed (disk full, closed pipe or not writable); the report is incomplete");
        }
    }
}
