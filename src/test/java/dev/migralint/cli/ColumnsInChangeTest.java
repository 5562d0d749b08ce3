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
 * column-added-in-change across files: a column an earlier file of the change added (or renamed into being) is known
 * to no deployed code, so renaming it, dropping its NOT NULL or dropping it is not reported. Its table is an old one:
 * SET NOT NULL and a type change still scan or rewrite it, as they are reported for a column added earlier in the same
 * file.
 */
class ColumnsInChangeTest {
    private static final Set<String> WATCHED = Set.of("renaming-column", "ban-drop-not-null", "ban-drop-column",
            "set-not-null-on-existing-column", "changing-column-type", "ban-drop-default");

    @TempDir
    Path tmp;

    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return JsonFindings.of(r, WATCHED, JsonFindings::ruleLine);
    }

    @Test
    void columnsAnEarlierFileAddedAreNewToDeployedCodeButNotToLocks() throws IOException {
        Path m = tmp.resolve("migrations");
        Files.createDirectories(m);
        Files.writeString(m.resolve("001_monitor_columns.sql"), """
                ALTER TABLE monitor ADD COLUMN nick text;
                ALTER TABLE monitor ADD COLUMN flag int NOT NULL DEFAULT 0;
                ALTER TABLE monitor ADD COLUMN score int DEFAULT 0;
                ALTER TABLE monitor ADD COLUMN code varchar(3);
                """);
        Files.writeString(m.resolve("002_monitor_rework.sql"), """
                ALTER TABLE monitor RENAME COLUMN nick TO nickname;
                ALTER TABLE monitor ALTER COLUMN flag DROP NOT NULL;
                ALTER TABLE monitor ALTER COLUMN score SET NOT NULL;
                ALTER TABLE monitor ALTER COLUMN code TYPE char(2);
                ALTER TABLE monitor DROP COLUMN nickname;
                ALTER TABLE monitor RENAME COLUMN note TO remark;
                """);
        ProcessCli.Run both = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json",
                "migrations/001_monitor_columns.sql", "migrations/002_monitor_rework.sql");
        assertEquals(List.of("set-not-null-on-existing-column 3", "changing-column-type 4", "renaming-column 6"),
                findings(both), both.all());

        // Named alone, 002 does not know what 001 added.
        ProcessCli.Run alone = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json",
                "migrations/002_monitor_rework.sql");
        assertEquals(List.of("renaming-column 1", "ban-drop-not-null 2", "set-not-null-on-existing-column 3",
                "changing-column-type 4", "ban-drop-column 5", "renaming-column 6"), findings(alone), alone.all());

        // A directory is a history: 001 was deployed before 002, and code may use its columns by then.
        ProcessCli.Run history = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations");
        assertEquals(findings(alone), findings(history), history.all());
    }

    /**
     * default-was-null across files: dropping the default of a column an earlier file of the change added without one
     * changes nothing. A column it added with a default is another matter: the release still running inserts rows
     * without naming the new column, and they would fail on its NOT NULL once the default is gone.
     */
    @Test
    void aDefaultAnEarlierFileLeftNullIsNotReported() throws IOException {
        Path m = tmp.resolve("migrations");
        Files.createDirectories(m);
        Files.writeString(m.resolve("001_monitor_columns.sql"), """
                ALTER TABLE monitor ADD COLUMN label text;
                ALTER TABLE monitor ADD COLUMN status text NOT NULL DEFAULT 'active';
                ALTER TABLE monitor ADD COLUMN kind text DEFAULT 'http';
                ALTER TABLE monitor ALTER COLUMN kind SET DEFAULT NULL;
                """);
        Files.writeString(m.resolve("002_monitor_defaults.sql"), """
                ALTER TABLE monitor ALTER COLUMN label DROP DEFAULT;
                ALTER TABLE monitor ALTER COLUMN status DROP DEFAULT;
                ALTER TABLE monitor ALTER COLUMN kind DROP DEFAULT;
                ALTER TABLE monitor ALTER COLUMN region DROP DEFAULT;
                """);
        ProcessCli.Run both = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json",
                "migrations/001_monitor_columns.sql", "migrations/002_monitor_defaults.sql");
        assertEquals(List.of("ban-drop-default 2", "ban-drop-default 4"), findings(both), both.all());

        ProcessCli.Run history = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations");
        assertEquals(List.of("ban-drop-default 1", "ban-drop-default 2", "ban-drop-default 3", "ban-drop-default 4"),
                findings(history), history.all());
    }
}
