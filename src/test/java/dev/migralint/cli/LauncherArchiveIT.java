package dev.migralint.cli;

import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/migralint's start-up archive as the pre-commit hook gets it on a machine without Maven: the launcher in a
 * directory without target/, MIGRALINT_JAR naming a jar elsewhere, run once per commit. The archive (or the marker of
 * a failed training) is made once, in the user's cache directory, and later runs neither train again nor write to
 * stderr. An integration test (maven-failsafe-plugin, after package): two of its cases need the packaged jar.
 */
class LauncherArchiveIT {
    @TempDir
    Path tmp;

    @Test
    void tenHookRunsWithAPrebuiltJarTrainAtMostOnceAndStayQuiet() throws IOException {
        Path jar = PreCommitFrameworkTest.pathingJar(Files.createDirectories(tmp.resolve("jars")).resolve("migralint-test.jar"));
        Map<String, TreeMap<String, Long>> states = tenRuns(jar, true);
        TreeMap<String, Long> first = states.get("1");
        assertEquals(1, first.keySet().stream().filter(n -> n.endsWith(".jsa") || n.endsWith(".aot")
                || n.endsWith(".failed")).count(), "one archive or failed-training marker after the first run: " + first);
    }

    /** With the packaged jar, the training succeeds: an archive, no failure marker; here under ~/.cache (no XDG_CACHE_HOME). */
    @Test
    void thePackagedJarGetsAnArchive() throws IOException {
        Path packaged = Path.of("target/migralint.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(packaged), "no packaged jar: run with mvn verify (after package)");
        Path jar = Files.copy(packaged, Files.createDirectories(tmp.resolve("jars")).resolve("migralint.jar"));
        Map<String, TreeMap<String, Long>> states = tenRuns(jar, false);
        TreeMap<String, Long> first = states.get("1");
        assertTrue(first.keySet().stream().anyMatch(n -> n.endsWith(".jsa") || n.endsWith(".aot")), "no archive: " + first);
        assertFalse(first.keySet().stream().anyMatch(n -> n.endsWith(".failed")), "training failed: " + first);
    }

    /**
     * The JVM records the jar's path and time in an archive and ignores it, without a word, for a jar elsewhere or
     * with another time: two copies of one jar, and a jar copied again with the same bytes, each get an archive that
     * their runs then load classes from (the JVM's own class-load log says where each class came from).
     */
    @Test
    void copiesOfOneJarEachGetAnArchiveTheirRunsUse() throws IOException {
        Path packaged = Path.of("target/migralint.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(packaged), "no packaged jar: run with mvn verify (after package)");
        Path one = Files.copy(packaged, Files.createDirectories(tmp.resolve("one")).resolve("migralint.jar"));
        Path two = Files.copy(packaged, Files.createDirectories(tmp.resolve("two")).resolve("migralint.jar"));
        Path cache = tmp.resolve("cache");
        assertTrue(sharedClasses(one, cache) > 500, "the first copy's run uses its archive");
        assertTrue(sharedClasses(two, cache) > 500, "the second copy's run uses an archive of its own");
        assertTrue(sharedClasses(one, cache) > 500, "and the first copy's archive still serves it");
        Files.setLastModifiedTime(one, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(one).toMillis() + 60_000));
        assertTrue(sharedClasses(one, cache) > 500, "a copy with a newer time is trained again and uses the archive");
        TreeMap<String, Long> before = state(cache.resolve("migralint/start-up"));
        sharedClasses(one, cache);
        assertEquals(before, state(cache.resolve("migralint/start-up")), "and is not trained again after that");
    }

    /** Runs the launcher with this jar twice (the first may train) and counts the classes the second loads from an archive. */
    private int sharedClasses(Path jar, Path cache) throws IOException {
        Path project = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(project.resolve("001_t.sql"), "CREATE TABLE t (id int);\n");
        Path log = tmp.resolve("class-load.log");
        Map<String, String> env = new HashMap<>();
        env.put("MIGRALINT_JAR", jar.toString());
        env.put("XDG_CACHE_HOME", cache.toString());
        env.put("MIGRALINT_CACHE_DIR", null);
        env.put("MIGRALINT_CDS", null);
        env.put("MIGRALINT_JAVA_OPTS", null);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("TMPDIR", Files.createDirectories(tmp.resolve("tmpdir")).toString());
        List<String> command = List.of(Path.of("bin/migralint").toAbsolutePath().toString(), "check", "--no-cache",
                "001_t.sql");
        ProcessCli.exec(project, env, command);
        Files.deleteIfExists(log);
        env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log);
        ProcessCli.Run run = ProcessCli.exec(project, env, command);
        assertTrue(run.exit() == 0 || run.exit() == 1, run.all());
        try (Stream<String> lines = Files.lines(log)) {
            return (int) lines.filter(l -> l.contains("shared objects file")).count();
        }
    }

    /** Ten hook runs; each must leave stderr empty and the archive directory as the first left it. */
    private Map<String, TreeMap<String, Long>> tenRuns(Path jar, boolean xdg) throws IOException {
        Path hookRepo = tmp.resolve("hook-repo");
        Files.createDirectories(hookRepo.resolve("bin"));
        Path launcher = Files.copy(Path.of("bin/migralint"), hookRepo.resolve("bin/migralint"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Path project = tmp.resolve("project");
        try (GitFixture repo = GitFixture.init(project)) {
            repo.write("db/migrations/V1__index.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (c);\n");
            GitFixture.cli(project, "add", "-A");
        }
        Path cache = tmp.resolve("cache");
        Map<String, String> env = new HashMap<>();
        env.put("MIGRALINT_JAR", jar.toString());
        env.put("XDG_CACHE_HOME", xdg ? cache.toString() : null);
        env.put("HOME", xdg ? System.getProperty("user.home") : cache.toString());
        env.put("MIGRALINT_CACHE_DIR", null);
        env.put("MIGRALINT_CDS", null);
        env.put("MIGRALINT_JAVA_OPTS", null);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("TMPDIR", Files.createDirectories(tmp.resolve("tmpdir")).toString());
        Path startUp = xdg ? cache.resolve("migralint/start-up") : cache.resolve(".cache/migralint/start-up");
        Map<String, TreeMap<String, Long>> states = new HashMap<>();
        for (int i = 1; i <= 10; i++) {
            ProcessCli.Run run = ProcessCli.exec(project, env, List.of(launcher.toString(), "check", "--staged", "--no-cache"));
            assertTrue(run.exit() == 0 || run.exit() == 1, "run " + i + ": exit " + run.exit() + "\n" + run.all());
            assertEquals("", run.err(), "run " + i + " wrote to stderr");
            assertTrue(run.out().contains("V1__index.sql") || run.out().contains("Checked"), run.out());
            TreeMap<String, Long> state = state(startUp);
            if (i > 1) {
                assertEquals(states.get("1"), state, "run " + i + " changed the archives (trained again)");
            }
            states.put(String.valueOf(i), state);
        }
        assertFalse(Files.exists(hookRepo.resolve("target")), "the launcher made target/ beside itself");
        try (Stream<Path> left = Files.list(tmp.resolve("tmpdir"))) {
            assertEquals(List.of(), left.toList(), "training left scratch files");
        }
        return states;
    }

    /** Every file of the archive directory but the JDK location note, with its modification time. */
    private static TreeMap<String, Long> state(Path dir) throws IOException {
        TreeMap<String, Long> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            files.put(p.getFileName().toString(), Files.getLastModifiedTime(p).toMillis());
        }
        return files;
    }
}
