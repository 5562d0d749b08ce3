package dev.migralint.verify;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own: {@code initdb} in a temp directory, {@code postgres} on a free loopback port with
 * trust authentication, stopped and its directory removed by {@link #close()}, by a shutdown hook (Ctrl-C, SIGTERM),
 * and by a guard process when this JVM dies without running its hooks (SIGKILL, a crash): the guard is the server's
 * parent, watches this JVM's pid, and stops the server and removes the directory once the JVM is gone.
 */
public final class ThrowawayServer implements AutoCloseable {
    public static final String USER = "postgres";
    private static final String HOST = "127.0.0.1";

    /** sh: $1 JVM pid, $2 directory to remove, $3 data directory, the rest the server's command line. */
    private static final String GUARD = String.join("\n",
            "jvm=$1; root=$2; data=$3; shift 3",
            "stop() { if [ -f \"$data/postmaster.pid\" ]; then kill -QUIT \"$(head -n1 \"$data/postmaster.pid\")\" 2>/dev/null; fi; kill -QUIT $pg 2>/dev/null; }",
            "done=0",
            "trap 'done=1' TERM INT HUP",
            "\"$@\" &",
            "pg=$!",
            "while [ $done = 0 ] && kill -0 $jvm 2>/dev/null && kill -0 $pg 2>/dev/null; do sleep 0.2; done",
            "stop",
            "wait $pg 2>/dev/null",
            "rm -rf \"$root\"");

    private final PostgresBinaries.Found binaries;
    private final Path root;
    private final String runAs;
    private final Thread hook;
    private Process guard;
    private int port;
    private volatile boolean closed;

    private ThrowawayServer(PostgresBinaries.Found binaries, Path root, String runAs) {
        this.binaries = binaries;
        this.root = root;
        this.runAs = runAs;
        this.hook = new Thread(this::stop, "migralint-verify-stop-postgres");
    }

    /** Initialises and starts a server; on any failure nothing is left behind. */
    public static ThrowawayServer start(PostgresBinaries.Found found) throws VerifyException {
        PostgresBinaries.Found binaries = found;
        Path root;
        try {
            root = Files.createTempDirectory("migralint-verify-");
        } catch (IOException e) {
            throw new VerifyException("cannot create a temp directory for the PostgreSQL server: " + e.getMessage());
        }
        String runAs = null;
        ThrowawayServer server = null;
        try {
            if ("root".equals(System.getProperty("user.name"))) {
                // postgres refuses to run as root: the cluster belongs to an unprivileged user.
                runAs = userExists("postgres") ? "postgres" : "nobody";
                Files.setOwner(root, root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs));
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            if (runAs != null && !reachableByOthers(binaries.bin())) {
                // Downloaded into root's home (mode 700): the server user cannot run them from there.
                binaries = copyInto(binaries, root.resolve("pgsql"));
            }
            server = new ThrowawayServer(binaries, root, runAs);
            Runtime.getRuntime().addShutdownHook(server.hook);
            server.init();
            server.launch();
            return server;
        } catch (IOException e) {
            if (server != null) {
                server.close();
            }
            Cleanup.deleteTree(root);
            throw new VerifyException("could not start PostgreSQL: " + e.getMessage());
        } catch (VerifyException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            Cleanup.deleteTree(root);
            throw e;
        }
    }

    public Path directory() {
        return root;
    }

    public int port() {
        return port;
    }

    public PostgresBinaries.Found binaries() {
        return binaries;
    }

    public Endpoint endpoint(String database) {
        return new Endpoint(HOST, port, database, USER, null, "throwaway PostgreSQL " + binaries.major() + " ("
                + binaries.origin() + ")");
    }

    private void init() throws IOException, VerifyException {
        List<String> cmd = asServerUser(List.of(binaries.tool("initdb").toString(), "-D", root.resolve("data").toString(),
                "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new VerifyException("initdb failed: " + tail(out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifyException("interrupted during initdb");
        }
    }

    private void launch() throws IOException, VerifyException {
        String last = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            Path log = root.resolve("server.log");
            List<String> server = asServerUser(List.of(binaries.tool("postgres").toString(), "-D",
                    root.resolve("data").toString(), "-p", String.valueOf(port), "-k", root.toString(),
                    "-c", "listen_addresses=" + HOST, "-c", "fsync=off", "-c", "full_page_writes=off",
                    "-c", "synchronous_commit=off", "-c", "max_connections=20", "-c", "shared_buffers=32MB",
                    "-c", "log_min_messages=fatal"));
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", GUARD, "migralint-verify-guard",
                    String.valueOf(ProcessHandle.current().pid()), root.toString(), root.resolve("data").toString()));
            cmd.addAll(server);
            guard = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && guard.isAlive()) {
                try (Connection c = endpoint("postgres").connect(5)) {
                    return;
                } catch (SQLException e) {
                    sleep(50);
                }
            }
            last = readLog(log);
            guard.destroy();
            waitFor(guard);
            if (!last.contains("could not bind") && !last.contains("already in use")) {
                break;
            }
        }
        throw new VerifyException("the PostgreSQL server did not start: " + tail(last));
    }

    /** Stops the server and removes its directory; safe to call twice and from the shutdown hook. */
    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        if (guard != null && guard.isAlive()) {
            guard.destroy();
            waitFor(guard);
            if (guard.isAlive()) {
                guard.descendants().forEach(ProcessHandle::destroyForcibly);
                guard.destroyForcibly();
            }
        }
        Cleanup.deleteTree(root);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never registered
        }
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> asServerUser(List<String> cmd) {
        if (runAs == null) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", runAs, "--"));
        out.addAll(cmd);
        return out;
    }

    private static boolean reachableByOthers(Path dir) {
        try {
            for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static PostgresBinaries.Found copyInto(PostgresBinaries.Found binaries, Path target) throws IOException {
        Path from = binaries.bin().getParent();
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return new PostgresBinaries.Found(target.resolve("bin"), binaries.major(), binaries.origin());
    }

    private static boolean userExists(String user) {
        try {
            Process p = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 800 ? "..." + t.substring(t.length() - 800) : t;
    }
}
