package dev.migralint.cache;

import dev.migralint.workspace.TextClues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * A file's stat data when its content hash was computed. {@code clues}: what runner detection read of its text
 * ({@link TextClues#bits()}), so that an unchanged file need not be read to be placed.
 */
public record FileStat(long size, long modifiedNanos, String fileKey, long recordedMillis, byte[] contentHash,
                       int clues) {
    /**
     * Whether these attributes show the file as it was hashed. A file modified within two seconds of being hashed
     * could change again within the file system's timestamp granularity without changing its stat data (git's
     * "racily clean" entries): such a record is never trusted, the file is hashed again.
     */
    public boolean matches(BasicFileAttributes now, String identityNow) {
        return now.size() == size && nanos(now.lastModifiedTime()) == modifiedNanos
                && identityNow.equals(fileKey) && !identityNow.endsWith(NO_CTIME)
                && modifiedNanos < (recordedMillis - 2_000L) * 1_000_000L;
    }

    public static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

private static final String NO_CTIME = ",ctime=?";

    /**
     * What identifies a file's content besides its size and modification time: the file key (device and inode) and
     * the inode change time, which a same-size edit that puts the old mtime back still moves (git checks it too).
     * Where the change time cannot be read the identity says so, and {@link #matches} never trusts it: the file
     * is hashed.
     */
    public static String identity(Path path, BasicFileAttributes a, boolean followLinks) {
        String key = String.valueOf(a.fileKey());
        try {
            Object ctime = followLinks ? Files.getAttribute(path, "unix:ctime")
                    : Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            if (ctime instanceof FileTime t) {
                return key + ",ctime=" + nanos(t);
            }
        } catch (IOException | RuntimeException e) {
            // no unix view (Windows) or the file went away: unsure
        }
        return key + NO_CTIME;
    }
}
