package dev.migralint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DROP INDEX of an index whose table an earlier file of the change created, and DROP COLUMN of a column an earlier file
 * of the change added, are not reported (umami's boards, openstatus's deleted_at); the same drops on what the history
 * before the change made are.
 */
class DropsInChangeTest {
    private static final Set<String> WATCHED = Set.of("require-concurrent-index-drop", "ban-drop-column");

    @TempDir
    Path tmp;

    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return JsonFindings.of(r, WATCHED, JsonFindings::ruleLine);
    }

    @Test
    void dropsOfWhatTheChangeMadeAreNotReported() throws IOException {
        Path m = tmp.resolve("migrations");
        Files.createDirectories(m);
        Files.writeString(m.resolve("001_boards.sql"), """
                CREATE TABLE board (id bigint PRIMARY KEY, slug text NOT NULL);
                CREATE UNIQUE INDEX board_slug_key ON board (slug);
                ALTER TABLE monitor ADD COLUMN deleted_at timestamptz;
                """);
        Files.writeString(m.resolve("002_cleanup.sql"), """
                DROP INDEX board_slug_key;
                ALTER TABLE monitor DROP COLUMN deleted_at;
                DROP INDEX users_email_key;
                ALTER TABLE monitor DROP COLUMN note;
                """);
        ProcessCli.Run both = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json",
                "migrations/001_boards.sql", "migrations/002_cleanup.sql");
        assertEquals(List.of("require-concurrent-index-drop 3", "ban-drop-column 4"), findings(both), both.all());

        // Named alone, 002 does not know what 001 made.
        ProcessCli.Run alone = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations/002_cleanup.sql");
        assertEquals(List.of("require-concurrent-index-drop 1", "ban-drop-column 2", "require-concurrent-index-drop 3",
                "ban-drop-column 4"), findings(alone), alone.all());
    }
}
