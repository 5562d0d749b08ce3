package dev.migralint.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/** Where the cache lives, whose it is, and the removal of build directories no migralint uses any more. */
public final class CacheDirectory {
    /** Build directories of other migralint versions unused this long are removed when a new one is created. */
    private static final Duration STALE_BUILDS = Duration.ofDays(14);

    private CacheDirectory() {
    }

    /** The owner of an existing cache directory when it is not the user running this, else null. */
    public static String foreignOwner(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null || !existing.startsWith(dir)) {
                return null; // created by this run, as its own
            }
            // user.name is the JVM's reading of the process's user id (getpwuid), so the names compare the ids.
            String owner = Files.getOwner(existing, LinkOption.NOFOLLOW_LINKS).getName();
            String me = System.getProperty("user.name");
            return me != null && !me.isBlank() && !me.equals("?") && !owner.equals(me) ? owner : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static void pruneOldBuilds(Path root, Path keep) {
        if (!Files.isDirectory(root)) {
            return;
        }
        Instant cutoff = Instant.now().minus(STALE_BUILDS);
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(root)) {
            for (Path b : builds) {
                if (b.equals(keep) || !Files.isDirectory(b) || !b.getFileName().toString().matches("[0-9a-f]{16}")) {
                    continue;
                }
                FileTime modified = Files.getLastModifiedTime(b);
                if (modified.toInstant().isBefore(cutoff)) {
                    deleteTree(b);
                }
            }
        } catch (IOException | RuntimeException e) {
            // pruning is best effort
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path c : children) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
