package dev.migralint.cli;

import dev.migralint.workspace.GitFixture;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs migralint as its own process, in a given directory and environment: what git-aware commands need (they find
 * the repository from the working directory and read CI variables), and what hooks run. Uses the test class path,
 * so it works before the jar is packaged.
 */
final class ProcessCli {
    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private ProcessCli() {
    }

    /** The class path with migralint's classes and dependencies (surefire hides it behind a manifest jar). */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath(),
                "dev.migralint.cli.Main"));
        return cmd;
    }

    static Run run(Path cwd, String... args) {
        return run(cwd, Map.of(), args);
    }

    static Run run(Path cwd, Map<String, String> env, String... args) {
        List<String> cmd = javaCommand();
        cmd.addAll(List.of(args));
        return exec(cwd, env, cmd);
    }

    static Run exec(Path cwd, Map<String, String> env, List<String> cmd) {
        try {
            Path out = Files.createTempFile("migralint-out", ".txt");
            Path err = Files.createTempFile("migralint-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                Map<String, String> all = new HashMap<>(GitFixture.quietGit());
                all.put("XDG_CACHE_HOME", Path.of(System.getProperty("java.io.tmpdir"), "migralint-test-cache").toString());
                all.putAll(env);
                all.forEach((k, v) -> {
                    if (v == null) {
                        pb.environment().remove(k);
                    } else {
                        pb.environment().put(k, v);
                    }
                });
                Process p = pb.start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A shell script that runs migralint from the test class path, like bin/migralint runs the jar. */
    static Path launcher(Path dir) throws IOException {
        Path script = dir.resolve("migralint");
        StringBuilder b = new StringBuilder("#!/bin/sh\nexec");
        for (String part : javaCommand()) {
            b.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        b.append(" \"$@\"\n");
        Files.createDirectories(dir);
        Files.writeString(script, b.toString(), StandardCharsets.UTF_8);
        if (!script.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + script + " executable");
        }
        return script;
    }
}
