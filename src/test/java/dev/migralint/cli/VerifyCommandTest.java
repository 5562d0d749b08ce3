package dev.migralint.cli;

import dev.migralint.PostgresCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migralint verify as a user runs it: its own process, killed midway, and pointed at a database that is not there. */
class VerifyCommandTest {
    private static final Pattern RUNNING = Pattern.compile("running in (\\S+) on port (\\d+)");

    @TempDir
    Path repo;

    private void history() throws Exception {
        Files.createDirectories(repo.resolve("migrations"));
        Files.writeString(repo.resolve("migrations/001_init.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(repo.resolve("migrations/002_slow.sql"), "SELECT pg_sleep(600);\n");
    }

    @Test
    void anUnreachableDatabaseUrlIsAClearErrorWithoutThePassword() throws Exception {
        history();
        ProcessCli.Run r = ProcessCli.run(repo, "verify", "--database-url",
                "postgres://alice:s3cret-pw@127.0.0.1:1/scratch", "migrations/002_slow.sql");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("cannot connect to postgres://alice@127.0.0.1:1/scratch"), r.all());
        assertFalse(r.all().contains("s3cret-pw"), r.all());
        assertFalse(r.all().contains("Exception") || r.all().contains("\tat "), r.all());
    }

    @Test
    void aScratchDatabaseUrlIsUsedOnceAndRefusedWhenNotEmpty() throws Exception {
        try (PostgresCluster pg = PostgresCluster.startOrSkip()) {
            pg.createDatabase("scratch");
            Files.createDirectories(repo.resolve("migrations"));
            Files.writeString(repo.resolve("migrations/001_init.sql"), "CREATE TABLE t (id int);\n");
            Files.writeString(repo.resolve("migrations/002_add.sql"), "ALTER TABLE t ADD COLUMN x int;\n");
            String url = "postgres://" + PostgresCluster.USER + ":pw-9f3k@" + PostgresCluster.HOST + ":" + pg.port() + "/scratch";
            // Flyway wraps each file in a transaction: the locks are read in it, not sampled.
            ProcessCli.Run r = ProcessCli.run(repo, "verify", "--framework", "flyway", "--database-url", url,
                    "migrations/002_add.sql");
            assertEquals(0, r.exit(), r.all());
            assertTrue(r.out().contains("ACCESS EXCLUSIVE public.t"), r.all());
            assertFalse(r.all().contains("pw-9f3k"), r.all());
            ProcessCli.Run again = ProcessCli.run(repo, "verify", "--database-url", url, "migrations/002_add.sql");
            assertEquals(2, again.exit(), again.all());
            assertTrue(again.err().contains("already holds 1 table(s)"), again.all());
            assertFalse(again.all().contains("pw-9f3k"), again.all());
        }
    }

    @Test
    void aMalformedDatabaseUrlIsAUsageError() throws Exception {
        history();
        ProcessCli.Run r = ProcessCli.run(repo, "verify", "--database-url", "mysql://bob:hunter2@db/x",
                "migrations/002_slow.sql");
        assertEquals(2, r.exit(), r.all());
        assertFalse(r.all().contains("hunter2"), r.all());
        assertTrue(r.err().contains("postgres://"), r.all());
    }

    @Test
    void killedMidwayWithSigtermItLeavesNoServerAndNoDirectory() throws Exception {
        killMidway(false);
    }

    @Test
    void killedMidwayWithSigkillTheGuardStillCleansUp() throws Exception {
        killMidway(true);
    }

    private void killMidway(boolean forcibly) throws Exception {
        Assumptions.assumeTrue(PostgresCluster.findBin() != null, "no PostgreSQL server binaries; skipping");
        history();
        List<String> cmd = new ArrayList<>(ProcessCli.javaCommand());
        cmd.addAll(List.of("verify", "--timeout", "600", "migrations/002_slow.sql"));
        Path err = Files.createTempFile("verify-err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            Matcher m = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline && p.isAlive()) {
                m = RUNNING.matcher(Files.readString(err, StandardCharsets.UTF_8));
                if (m.find()) {
                    break;
                }
                m = null;
                Thread.sleep(100);
            }
            Assumptions.assumeTrue(m != null, () -> "verify did not start a server: " + read(err));
            Path dir = Path.of(m.group(1));
            assertTrue(Files.isDirectory(dir));
            Thread.sleep(1500); // inside the change's pg_sleep by now
            assertFalse(serverProcesses(dir).isEmpty(), "the server runs before the kill");
            if (forcibly) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < until && (Files.exists(dir) || !serverProcesses(dir).isEmpty())) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), serverProcesses(dir), "no server process is left");
            assertFalse(Files.exists(dir), "the server's directory is removed");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }

    /** Processes whose command line names the directory (the postmaster, its children, the guard). */
    private static List<String> serverProcesses(Path dir) {
        List<String> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            String line = h.info().commandLine().orElse("");
            if (line.contains(dir.toString())) {
                out.add(h.pid() + " " + line);
            }
        });
        if (out.isEmpty()) {
            // Another user's processes (postgres runs as "postgres" under root) hide their arguments from
            // ProcessHandle: read /proc directly.
            File[] procs = new File("/proc").listFiles((d, n) -> n.matches("\\d+"));
            for (File f : procs == null ? new File[0] : procs) {
                try {
                    String cmd = Files.readString(f.toPath().resolve("cmdline")).replace('\0', ' ');
                    if (cmd.contains(dir.toString())) {
                        out.add(f.getName() + " " + cmd);
                    }
                } catch (Exception e) {
                    // gone meanwhile
                }
            }
        }
        return out;
    }
}
