package dev.migralint.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a small text file whole or not at all: through a temporary file beside it and a rename, so a reader never
 * sees half of it. Where the file system cannot rename atomically, a plain replacing rename still avoids a partial
 * file at the target's name.
 */
public final class AtomicText {
    private AtomicText() {
    }

    /** Writes {@code text} as UTF-8 to {@code target}, replacing it; the temporary file's name starts with {@code prefix}. */
    public static void write(Path target, String prefix, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, prefix, ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
