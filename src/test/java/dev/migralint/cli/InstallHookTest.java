package dev.migralint.cli;

import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code migralint install-hook}: where the hook goes, what it refuses, and that git really runs it. */
class InstallHookTest {
    @TempDir
    Path tmp;

    private GitFixture repo() {
        GitFixture repo = GitFixture.init(tmp.resolve("repo"));
        repo.write("README.md", "x\n").commitAll("init");
        return repo;
    }

    @Test
    void installsUpdatesAndUninstalls() throws IOException {
        try (GitFixture repo = repo()) {
            Path hook = repo.dir.resolve(".git/hooks/pre-commit");
            ProcessCli.Run r = ProcessCli.run(repo.dir.resolve(".git").getParent(), "install-hook");
            assertEquals(0, r.exit(), r.all());
            assertTrue(r.out().startsWith("Installed " + hook), r.out());
            assertTrue(Files.isExecutable(hook));
            String script = Files.readString(hook, StandardCharsets.UTF_8);
            assertTrue(script.startsWith("#!/bin/sh\n") && script.contains(InstallHookCommand.MARKER)
                    && script.contains("check --staged"), script);

            ProcessCli.Run again = ProcessCli.run(repo.dir, "install-hook");
            assertEquals(0, again.exit(), again.all());
            assertTrue(again.out().startsWith("Updated "), again.out());

            ProcessCli.Run gone = ProcessCli.run(repo.dir, "install-hook", "--uninstall");
            assertEquals(0, gone.exit(), gone.all());
            assertFalse(Files.exists(hook));
        }
    }

    @Test
    void refusesAForeignHookUnlessForcedAndKeepsIt() throws IOException {
        try (GitFixture repo = repo()) {
            Path hook = repo.dir.resolve(".git/hooks/pre-commit");
            Files.createDirectories(hook.getParent());
            Files.writeString(hook, "#!/bin/sh\necho mine\n", StandardCharsets.UTF_8);

            ProcessCli.Run refused = ProcessCli.run(repo.dir, "install-hook");
            assertEquals(2, refused.exit(), refused.all());
            assertTrue(refused.err().contains("already exists and was not written by migralint"), refused.err());
            assertTrue(refused.err().contains("--force"), refused.err());
            assertEquals("#!/bin/sh\necho mine\n", Files.readString(hook, StandardCharsets.UTF_8), "untouched");
            assertEquals(2, ProcessCli.run(repo.dir, "install-hook", "--uninstall").exit(), "not ours to remove");

            ProcessCli.Run forced = ProcessCli.run(repo.dir, "install-hook", "--force");
            assertEquals(0, forced.exit(), forced.all());
            assertTrue(Files.readString(hook, StandardCharsets.UTF_8).contains(InstallHookCommand.MARKER));
            Path backup = hook.resolveSibling("pre-commit" + InstallHookCommand.BACKUP_SUFFIX);
            assertEquals("#!/bin/sh\necho mine\n", Files.readString(backup, StandardCharsets.UTF_8));

            assertEquals(0, ProcessCli.run(repo.dir, "install-hook", "--uninstall").exit());
            assertEquals("#!/bin/sh\necho mine\n", Files.readString(hook, StandardCharsets.UTF_8), "restored");
            assertFalse(Files.exists(backup));
        }
    }

    @Test
    void inAWorktreeTheHookGoesToTheCommonDirectory() throws IOException {
        try (GitFixture repo = repo()) {
            Path wt = tmp.resolve("wt");
            GitFixture.cli(repo.dir, "worktree", "add", "-q", "-b", "feature", wt.toString());
            ProcessCli.Run r = ProcessCli.run(wt, "install-hook");
            assertEquals(0, r.exit(), r.all());
            assertTrue(Files.isRegularFile(repo.dir.resolve(".git/hooks/pre-commit")), r.out());

            GitFixture.cli(repo.dir, "config", "core.hooksPath", ".githooks");
            ProcessCli.Run custom = ProcessCli.run(repo.dir.resolve("."), "install-hook");
            assertEquals(0, custom.exit(), custom.all());
            assertTrue(Files.isRegularFile(repo.dir.resolve(".githooks/pre-commit")), custom.out());
        }
    }

    /** The installed hook, run by git itself, blocks a commit of an unsafe staged migration and lets a safe one through. */
    @Test
    void gitRunsTheHookOnTheStagedContent() throws IOException {
        try (GitFixture repo = repo()) {
            Path launcher = ProcessCli.launcher(tmp.resolve("bin"));
            Map<String, String> env = Map.of("MIGRALINT_LAUNCHER", launcher.toString());
            ProcessCli.Run install = ProcessCli.run(repo.dir, env, "install-hook");
            assertEquals(0, install.exit(), install.all());
            assertTrue(Files.readString(repo.dir.resolve(".git/hooks/pre-commit")).contains(launcher.toString()));

            repo.stage("db/migrations/001_idx.sql", "CREATE INDEX users_email ON users (email);\n");
            repo.write("db/migrations/001_idx.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);\n");
            GitFixture.Result blocked = GitFixture.run(repo.dir, Map.of(), List.of("git", "commit", "-m", "unsafe"));
            assertNotEquals(0, blocked.exit(), blocked.output());
            assertTrue(blocked.output().contains("db/migrations/001_idx.sql:1:1: error[require-concurrent-index]"),
                    blocked.output());

            repo.add("db/migrations/001_idx.sql");
            GitFixture.Result ok = GitFixture.run(repo.dir, Map.of(), List.of("git", "commit", "-q", "-m", "safe"));
            assertEquals(0, ok.exit(), ok.output());
        }
    }
}
