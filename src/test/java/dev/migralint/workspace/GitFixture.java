package dev.migralint.workspace;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temporary directory, driven with JGit (and the git CLI where JGit has no command). */
public final class GitFixture implements AutoCloseable {
    private static final PersonIdent ME = new PersonIdent("Test", "test@example.com", Instant.parse("2024-01-01T00:00:00Z"),
            ZoneOffset.UTC);

    public final Path dir;
    public final Git git;

    private GitFixture(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** A new repository on branch main. */
    public static GitFixture init(Path dir) {
        try {
            Files.createDirectories(dir);
            return new GitFixture(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static GitFixture open(Path dir) {
        try {
            return new GitFixture(dir, Git.open(dir.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GitFixture write(String rel, String text) {
        try {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String rel) {
        try {
            return Files.readString(dir.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes and stages. */
    public GitFixture stage(String rel, String text) {
        write(rel, text);
        return add(rel);
    }

    public GitFixture add(String... rels) {
        try {
            var add = git.add();
            for (String r : rels) {
                add.addFilepattern(r);
            }
            add.call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stages everything, deletions included. */
    public GitFixture addAll() {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public GitFixture rm(String rel) {
        try {
            git.rm().addFilepattern(rel).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code git mv}: the content moves, the index follows. */
    public GitFixture mv(String from, String to) {
        String text = read(from);
        rm(from);
        return stage(to, text);
    }

    public RevCommit commit(String message) {
        try {
            return git.commit().setMessage(message).setAuthor(ME).setCommitter(ME).setSign(false).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stages everything and commits. */
    public RevCommit commitAll(String message) {
        addAll();
        return commit(message);
    }

    public GitFixture branch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public GitFixture checkout(String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }

    /** Runs the git CLI in {@code cwd}; fails the test when it fails. Returns stdout and stderr. */
    public static String cli(Path cwd, String... args) {
        return run(cwd, Map.of(), prepend("git", args)).requireSuccess();
    }

    /** The result of a process. */
    public record Result(int exit, String output) {
        public String requireSuccess() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + ":\n" + output);
            }
            return output;
        }
    }

    /** Runs a command with extra environment variables, stdout and stderr merged, stdin closed. */
    public static Result run(Path cwd, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> all = quietGit();
            all.putAll(env);
            all.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Git settings for child processes: a fixed identity, no user or system configuration, no CI variables. */
    public static Map<String, String> quietGit() {
        java.util.HashMap<String, String> env = new java.util.HashMap<>();
        env.put("GIT_AUTHOR_NAME", "Test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.com");
        env.put("GIT_COMMITTER_NAME", "Test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.com");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GITHUB_BASE_REF", null);
        env.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", null);
        env.put("NO_COLOR", "1");
        return env;
    }

    private static List<String> prepend(String first, String... rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(List.of(rest));
        return out;
    }
}
