package dev.migralint.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the collector makes of files, directories and symbolic links given as arguments or found walking. */
class FileCollectorLinksTest {
    @TempDir
    Path dir;

    @Test
    void argumentsAndWalkedFiles() throws IOException {
        Path repo = dir.resolve("repo");
        Path m = Files.createDirectories(repo.resolve("migrations"));
        Files.writeString(m.resolve("001_a.sql"), "SELECT 1;\n");
        Files.writeString(m.resolve("notes.txt"), "not sql\n");
        Path outside = Files.writeString(dir.resolve("outside.sql"), "SELECT 2;\n");
        Files.createSymbolicLink(m.resolve("002_inside_link.sql"), m.resolve("001_a.sql"));
        Files.createSymbolicLink(m.resolve("003_outside_link.sql"), outside);
        Files.createSymbolicLink(m.resolve("004_dangling.sql"), m.resolve("nope.sql"));
        Files.createDirectories(repo.resolve("other/dir.sql"));
        Files.createSymbolicLink(repo.resolve("other/link_to_dir.sql"), m);

        FileCollector collector = new FileCollector(repo, List.of(), List.of());
        FileCollector.Collected explicit = collector.collect(List.of("migrations/001_a.sql", "migrations/notes.txt",
                "migrations/002_inside_link.sql", "migrations/003_outside_link.sql", "migrations/004_dangling.sql",
                "other/link_to_dir.sql", "other/dir.sql", "missing.sql"), repo);
        assertEquals(List.of("migrations/001_a.sql", "migrations/002_inside_link.sql", "migrations/notes.txt"),
                explicit.files().stream().map(Candidate::displayPath).toList());
        assertEquals(List.of("missing.sql"), explicit.missing());
        assertEquals(List.of("migrations/003_outside_link.sql: symbolic link points outside the repository; not followed",
                        "migrations/004_dangling.sql: broken symbolic link"),
                explicit.refused().stream().map(r -> r.displayPath() + ": " + r.detail()).toList());

        FileCollector.Collected walked = collector.collect(List.of("migrations", "other"), repo);
        assertEquals(List.of("migrations/001_a.sql", "migrations/002_inside_link.sql"),
                walked.files().stream().map(Candidate::displayPath).toList());
        assertEquals(List.of("migrations/003_outside_link.sql", "migrations/004_dangling.sql"),
                walked.refused().stream().map(LoadedSource::displayPath).toList());

        FileCollector.Collected checked = collector.check(List.of(m.resolve("001_a.sql"), m.resolve("notes.txt"),
                m.resolve("004_dangling.sql"), repo.resolve("other/dir.sql"), m.resolve("gone.sql")));
        assertEquals(List.of("migrations/001_a.sql", "migrations/notes.txt"),
                checked.files().stream().map(Candidate::displayPath).toList());
        assertEquals(List.of("migrations/004_dangling.sql"), checked.refused().stream().map(LoadedSource::displayPath).toList());
    }

    @Test
    void directoriesLinkedInsideOrOutsideTheRepository() throws IOException {
        Path repo = dir.resolve("repo");
        Path outside = Files.createDirectories(dir.resolve("elsewhere/deep"));
        Files.writeString(outside.resolve("001_out.sql"), "SELECT 1;\n");
        Path real = Files.createDirectories(repo.resolve("db/real/2024-01-01-000000_a"));
        Files.writeString(real.resolve("up.sql"), "SELECT 2;\n");
        Files.createSymbolicLink(repo.resolve("db/ext"), dir.resolve("elsewhere"));
        Files.createSymbolicLink(repo.resolve("db/alias"), repo.resolve("db/real"));
        Files.createDirectories(repo.resolve("db/plain/nested"));
        Files.createSymbolicLink(repo.resolve("db/plain/nested/out"), outside);

        FileCollector collector = new FileCollector(repo, List.of(), List.of());
        FileCollector.Collected c = collector.collect(List.of("db/real/2024-01-01-000000_a/up.sql",
                "db/ext/deep/001_out.sql", "db/alias/2024-01-01-000000_a/up.sql", "db/plain/nested/out/001_out.sql"), repo);
        assertEquals(List.of("db/alias/2024-01-01-000000_a/up.sql", "db/real/2024-01-01-000000_a/up.sql"),
                c.files().stream().map(Candidate::displayPath).toList());
        assertEquals(List.of("db/ext/deep/001_out.sql", "db/plain/nested/out/001_out.sql"),
                c.refused().stream().map(LoadedSource::displayPath).sorted().toList());
        assertEquals(List.of("its directory leads outside the repository through a symbolic link (to "
                        + outside.toRealPath() + "); not read"),
                c.refused().stream().map(LoadedSource::detail).distinct().toList());
        assertEquals(java.util.Set.of("db/alias/2024-01-01-000000_a/up.sql", "db/real/2024-01-01-000000_a/up.sql"),
                c.named());
    }
}
