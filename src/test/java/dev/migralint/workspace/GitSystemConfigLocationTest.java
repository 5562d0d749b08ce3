package dev.migralint.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key the remembered location of git's system configuration is kept under: the git executable on PATH. */
class GitSystemConfigLocationTest {
    @Test
    void theKeyIsTheFirstExecutableGitOnThePathAndChangesWithIt(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path plainFile = Files.createDirectories(tmp.resolve("not-executable"));
        Files.writeString(plainFile.resolve("git"), "not a program");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path git = Files.writeString(bin.resolve("git"), "#!/bin/sh\n");
        assertTrue(git.toFile().setExecutable(true));

        assertNull(GitSystemConfigLocation.gitKey(empty.toString()));
        assertNull(GitSystemConfigLocation.gitKey(null));
        String path = String.join(File.pathSeparator, empty.toString(), "", plainFile.toString(), bin.toString());
        String key = GitSystemConfigLocation.gitKey(path);
        assertTrue(key != null && key.startsWith(git.toRealPath() + " "), key);

        // An upgraded git (another size or modification time) asks JGit again.
        Files.writeString(git, "#!/bin/sh\n# a newer git\n");
        Files.setLastModifiedTime(git, FileTime.fromMillis(1_000_000));
        assertNotEquals(key, GitSystemConfigLocation.gitKey(path));
        assertEquals(GitSystemConfigLocation.gitKey(path), GitSystemConfigLocation.gitKey(path));
    }
}
