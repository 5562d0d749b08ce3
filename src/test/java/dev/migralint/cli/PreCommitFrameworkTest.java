package dev.migralint.cli;

import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real pre-commit framework running this repository's {@code .pre-commit-hooks.yaml}: the hook definition and the
 * bin/ scripts of this checkout are committed to a scratch hook repository (pre-commit clones hook repositories at a
 * rev), and bin/migralint runs a jar that points at the test class path (MIGRALINT_JAR), so nothing is built.
 */
class PreCommitFrameworkTest {
    @TempDir
    static Path tmp;

    private static Path project;
    private static Map<String, String> env;

    @BeforeAll
    static void setUp() throws IOException {
        GitFixture.Result version = GitFixture.run(tmp, Map.of(), List.of("sh", "-c", "pre-commit --version"));
        assumeTrue(version.exit() == 0, "the pre-commit tool is not installed (Debian package pre-commit)");

        Path self = Path.of("").toAbsolutePath();
        Path hooks = tmp.resolve("hook-repo");
        Files.createDirectories(hooks.resolve("bin"));
        for (String f : List.of(".pre-commit-hooks.yaml", "bin/migralint", "bin/migralint-pre-commit")) {
            Files.copy(self.resolve(f), hooks.resolve(f), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        GitFixture.cli(hooks, "init", "-q", "-b", "main");
        GitFixture.cli(hooks, "add", "-A");
        GitFixture.cli(hooks, "commit", "-q", "-m", "hooks");
        String rev = GitFixture.cli(hooks, "rev-parse", "HEAD").trim();

        env = new HashMap<>();
        env.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-cache").toString());
        env.put("MIGRALINT_JAR", pathingJar(tmp.resolve("migralint-test.jar")).toString());
        env.put("PRE_COMMIT_COLOR", "never");
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString()); // the launcher's start-up archives, not the user's

        project = tmp.resolve("project");
        GitFixture.cli(tmp, "init", "-q", "-b", "main", project.toString());
        Files.writeString(project.resolve(".pre-commit-config.yaml"), "repos:\n"
                + "  - repo: " + hooks + "\n"
                + "    rev: " + rev + "\n"
                + "    hooks:\n"
                + "      - id: migralint\n", StandardCharsets.UTF_8);
        GitFixture.cli(project, "add", ".pre-commit-config.yaml");
        GitFixture.cli(project, "commit", "-q", "-m", "pre-commit config");
        GitFixture.Result install = GitFixture.run(project, env, List.of("pre-commit", "install"));
        assertEquals(0, install.exit(), install.output());
    }

    /** A jar that runs migralint from the test class path: Main-Class plus a Class-Path of file URLs. */
    static Path pathingJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.migralint.cli.Main");
        List<String> urls = new ArrayList<>();
        for (String entry : ProcessCli.classPath().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
            }
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    private static GitFixture.Result commit(String message) {
        return GitFixture.run(project, env, List.of("git", "commit", "-m", message));
    }

    private static String head() {
        return GitFixture.cli(project, "rev-parse", "HEAD").trim();
    }

    private static void write(String rel, String text) throws IOException {
        Path p = project.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void blocksUnsafeStagedMigrationsAndPassesSafeOnes() throws IOException {
        write("db/migrations/001_index.sql", "CREATE INDEX users_email ON users (email);\n");
        GitFixture.cli(project, "add", "db/migrations/001_index.sql");
        String before = head();
        GitFixture.Result blocked = commit("unsafe index");
        assertNotEquals(0, blocked.exit(), blocked.output());
        assertTrue(blocked.output().contains("migralint") && blocked.output().contains("Failed"), blocked.output());
        assertTrue(blocked.output().contains("db/migrations/001_index.sql:1:1: error[require-concurrent-index]"),
                blocked.output());
        assertEquals(before, head(), "nothing committed");

        write("db/migrations/001_index.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);\n");
        GitFixture.cli(project, "add", "db/migrations/001_index.sql");
        GitFixture.Result passed = commit("safe index");
        assertEquals(0, passed.exit(), passed.output());
        assertTrue(passed.output().contains("migralint") && passed.output().contains("Passed"), passed.output());
        assertNotEquals(before, head());
    }

    @Test
    void judgesTheStagedContentNotTheWorkingTree() throws IOException {
        write("db/migrations/002_drop.sql", "ALTER TABLE users DROP COLUMN legacy_id;\n");
        GitFixture.cli(project, "add", "db/migrations/002_drop.sql");
        write("db/migrations/002_drop.sql", "ALTER TABLE users ADD COLUMN IF NOT EXISTS note text;\n");
        String before = head();
        GitFixture.Result blocked = commit("staged drop, safe on disk");
        assertNotEquals(0, blocked.exit(), blocked.output());
        assertTrue(blocked.output().contains("error[ban-drop-column]"), blocked.output());
        assertEquals(before, head());
        assertEquals("ALTER TABLE users ADD COLUMN IF NOT EXISTS note text;\n",
                Files.readString(project.resolve("db/migrations/002_drop.sql")), "the unstaged edit is kept");

        GitFixture.cli(project, "add", "db/migrations/002_drop.sql");
        write("db/migrations/002_drop.sql", "DROP TABLE users;\n");
        GitFixture.Result passed = commit("staged safe, unsafe on disk");
        assertEquals(0, passed.exit(), passed.output());
        assertEquals("ALTER TABLE users ADD COLUMN IF NOT EXISTS note text;\n",
                GitFixture.cli(project, "show", "HEAD:db/migrations/002_drop.sql"));
        GitFixture.cli(project, "checkout", "--", "db/migrations/002_drop.sql");
    }

    @Test
    void skipsCommitsWithoutMigrations() throws IOException {
        write("README.md", "hello\n");
        GitFixture.cli(project, "add", "README.md");
        GitFixture.Result r = commit("docs");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("(no files to check)Skipped"), r.output());
    }
}
