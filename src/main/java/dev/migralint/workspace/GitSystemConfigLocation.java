package dev.migralint.workspace;

import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where git's system-wide configuration file is. JGit finds out by running git twice whenever a JVM opens its first
 * repository, which a pre-commit hook would pay on every commit; the answer depends only on the git installed, so it
 * is asked once per git executable (JGit's own discovery) and remembered in the user's cache directory, keyed by that
 * executable's path, size and modification time. {@code GIT_CONFIG_SYSTEM} names the file as git does;
 * {@code GIT_CONFIG_NOSYSTEM} JGit honours by itself.
 */
final class GitSystemConfigLocation {
    private static final String FILE_NAME = "git-system-config";
    private static boolean applied;

    private GitSystemConfigLocation() {
    }

    /** Tells JGit the location, once per JVM, before its first repository is opened. */
    static synchronized void apply() {
        if (applied) {
            return;
        }
        applied = true;
        String configured = System.getenv("GIT_CONFIG_SYSTEM");
        if (configured != null && !configured.isBlank()) {
            FS.DETECTED.setGitSystemConfig(new File(configured));
            return;
        }
        String noSystem = System.getenv("GIT_CONFIG_NOSYSTEM");
        if (noSystem != null && !noSystem.isBlank()) {
            return;
        }
        Path cacheDir = UserCacheDirectory.locate();
        String key = gitKey(System.getenv("PATH"));
        if (cacheDir == null || key == null) {
            return; // JGit discovers it itself
        }
        Path remembered = cacheDir.resolve(FILE_NAME);
        String known = read(remembered, key);
        if (known != null) {
            FS.DETECTED.setGitSystemConfig(known.isEmpty() ? null : new File(known));
            return;
        }
        File found = FS.DETECTED.getGitSystemConfig();
        write(remembered, key, found == null ? "" : found.getPath());
    }

    /** The git executable on {@code path} as a key (path, size, modification time), or null when there is none. */
    static String gitKey(String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path git = Path.of(dir, "git");
            try {
                BasicFileAttributes a = Files.readAttributes(git, BasicFileAttributes.class);
                if (a.isRegularFile() && Files.isExecutable(git)) {
                    return git.toRealPath() + " " + a.size() + " " + a.lastModifiedTime().toMillis();
                }
            } catch (IOException | RuntimeException e) {
                // not here: the next directory
            }
        }
        return null;
    }

    private static String read(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(key)) {
                return lines.get(1);
            }
        } catch (IOException | RuntimeException e) {
            // not remembered yet, or unreadable: ask again
        }
        return null;
    }

    private static void write(Path file, String key, String location) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            Files.writeString(tmp, key + "\n" + location + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // an unwritable cache costs the next run the discovery, nothing else
        }
    }
}
