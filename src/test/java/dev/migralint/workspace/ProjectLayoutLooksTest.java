package dev.migralint.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How often detection looks on disk: the directories above many migration directories are looked at once a run. */
class ProjectLayoutLooksTest {
    @TempDir
    Path dir;

    @Test
    void aPathAboveManyDirectoriesIsLookedAtOnceARun() throws IOException {
        Path a = Files.createDirectories(dir.resolve("migrations/2024-01-01-000000_a"));
        Path b = Files.createDirectories(dir.resolve("migrations/2024-01-02-000000_b"));
        Path fileA = Files.writeString(a.resolve("x.sql"), "select 1;\n");
        Path fileB = Files.writeString(b.resolve("x.sql"), "select 1;\n");
        List<Path> probed = new ArrayList<>();
        ProjectLayout layout = new ProjectLayout(null, null).observing(probed::add);

        assertEquals("plain", layout.framework(fileA, "migrations/2024-01-01-000000_a/x.sql", "").id());
        // Atlas's marker appears above both directories between the two files: the run keeps the answer it had.
        Files.writeString(dir.resolve("atlas.sum"), "h1:x\n");
        assertEquals("plain", layout.framework(fileB, "migrations/2024-01-02-000000_b/x.sql", "").id());
        // Each directory's walk is still told (a stored answer watches them all), and a new run sees the marker.
        assertEquals(2, probed.stream().filter(p -> p.equals(dir.resolve("atlas.sum"))).count());
        assertEquals("atlas", new ProjectLayout(null, null).framework(fileB, "migrations/2024-01-02-000000_b/x.sql", "").id());
    }

    @Test
    void aParentsAnswerIsSharedOnlyWithinTheSearchDepth() throws IOException {
        // Markers count in a migration's directory and four above it: atlas.sum at the top is within reach of
        // top/a but not of top/a/b/c/d/e, whose search reaches top/a with no level left.
        Path top = Files.createDirectories(dir.resolve("top"));
        Files.writeString(top.resolve("atlas.sum"), "h1:x\n");
        Path shallow = Files.writeString(Files.createDirectories(top.resolve("a")).resolve("1.sql"), "select 1;\n");
        Path deep = Files.writeString(Files.createDirectories(top.resolve("a/b/c/d/e")).resolve("1.sql"), "select 1;\n");
        ProjectLayout shared = new ProjectLayout(null, null);

        assertEquals("atlas", shared.framework(shallow, "top/a/1.sql", "").id());
        assertEquals("plain", shared.framework(deep, "top/a/b/c/d/e/1.sql", "").id(),
                "the shallow file's answer for top/a had four levels left; the deep one's search has none");
        assertEquals("plain", new ProjectLayout(null, null).framework(deep, "top/a/b/c/d/e/1.sql", "").id());
        Path four = Files.writeString(Files.createDirectories(top.resolve("a/b/c/d")).resolve("1.sql"), "select 1;\n");
        assertEquals("atlas", shared.framework(four, "top/a/b/c/d/1.sql", "").id(), "four levels up is within reach");
    }
}
