package dev.migralint.fix;

import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.SourceLoader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a fixed file safely: only over the exact content that was linted, through a temporary file in the same
 * directory that is flushed to disk and then renamed over the original atomically, so a crash leaves either the old or
 * the new file and never half of one. The BOM, line breaks (edits insert the file's own) and POSIX mode, owner and
 * group are kept. A symbolic link is followed and its target rewritten; the link stays a link.
 */
public final class FileFixer {
    /** Suffix of the temporary files; none is left behind, whatever happens. */
    public static final String TEMP_SUFFIX = ".migralint-tmp";

    private FileFixer() {
    }

    /** @param problem null when written, else why the file was left as it was */
    public record WriteResult(boolean written, String problem) {
        static WriteResult ok() {
            return new WriteResult(true, null);
        }

        static WriteResult refused(String why) {
            return new WriteResult(false, why);
        }
    }

    public static WriteResult write(FileFix fix) {
        if (!fix.changed()) {
            return WriteResult.refused("nothing to change");
        }
        if (fix.path() == null) {
            return WriteResult.refused("the text did not come from a file");
        }
        return write(fix.path(), fix.original(), fix.hadBom(), fix.fixed());
    }

    /**
     * Replaces the file's text {@code expected} (as decoded when it was linted) by {@code text}.
     */
    public static WriteResult write(Path path, String expected, boolean hadBom, String text) {
        Path target;
        try {
            target = path.toRealPath();
        } catch (IOException e) {
            return WriteResult.refused("cannot resolve " + path + ": " + e.getMessage());
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return WriteResult.refused("not a regular file");
        }
        PosixFileAttributes attrs = null;
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (view != null) {
                attrs = view.readAttributes();
                if (!attrs.permissions().contains(PosixFilePermission.OWNER_WRITE)) {
                    return WriteResult.refused("the file is read-only");
                }
            } else if (!Files.isWritable(target)) {
                return WriteResult.refused("the file is read-only");
            }
        } catch (IOException e) {
            return WriteResult.refused("cannot read the file's attributes: " + e.getMessage());
        }
        // Never write over something other than what was linted: a binary or undecodable file, or one that changed.
        byte[] current;
        try {
            current = Files.readAllBytes(target);
        } catch (IOException e) {
            return WriteResult.refused("cannot read the file again: " + e.getMessage());
        }
        LoadedSource again = new SourceLoader(Long.MAX_VALUE).decode(target, path.toString(), current);
        if (!again.ok()) {
            return WriteResult.refused("the file is not UTF-8 text (" + again.problem() + "); it is never written");
        }
        if (!again.source().text().equals(expected) || again.hadBom() != hadBom) {
            return WriteResult.refused("the file on disk is not the content that was linted (it changed while"
                    + " migralint ran, or differs from the version git holds); run fix again");
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        Path dir = target.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMP_SUFFIX);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                if (hadBom) {
                    writeFully(ch, ByteBuffer.wrap(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}));
                }
                writeFully(ch, ByteBuffer.wrap(body));
                ch.force(true);
            }
            if (attrs != null) {
                copyPosix(attrs, temp);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                return WriteResult.refused("the file system cannot rename atomically; the file was not written");
            }
            temp = null;
            syncDirectory(dir);
            return WriteResult.ok();
        } catch (IOException | SecurityException e) {
            return WriteResult.refused("cannot write: " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Nothing more can be done; the name says what it is.
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void copyPosix(PosixFileAttributes attrs, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        try {
            // Owner and group first: changing the owner may clear set-id bits, which the permissions then restore.
            if (!view.readAttributes().owner().equals(attrs.owner())) {
                view.setOwner(attrs.owner());
            }
            if (!view.readAttributes().group().equals(attrs.group())) {
                view.setGroup(attrs.group());
            }
        } catch (IOException | SecurityException e) {
            // Only root can give a file away; the mode is still kept.
        }
        view.setPermissions(perms);
    }

    /** Makes the rename durable where the platform allows opening a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // Not supported everywhere (e.g. Windows); the rename itself is still atomic.
        }
    }
}
