package dev.migralint;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} in a temp directory, started with {@code pg_ctl} on a free
 * loopback port, trust authentication for the superuser {@code pg}, stopped and deleted by {@link #close()}. Tests
 * skip (JUnit assumptions) when the server binaries are not installed or the server does not start.
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String USER = "pg";
    public static final String HOST = "127.0.0.1";

    private static PostgresCluster shared;
    private static String sharedFailure;

    private final Path bin;
    private final Path root;
    private final Path data;
    private final String runAs;
    private int port;
    private boolean started;

    private PostgresCluster(Path bin, Path root, String runAs) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.runAs = runAs;
    }

    /** Starts a cluster of its own for the caller, who closes it; skips the test when that is impossible. */
    public static PostgresCluster startOrSkip() throws Exception {
        Path bin = findBin();
        Assumptions.assumeTrue(bin != null, "PostgreSQL server binaries (initdb, pg_ctl) not found; skipping");
        Path root = Files.createTempDirectory("migralint-pg-");
        String runAs = null;
        if ("root".equals(System.getProperty("user.name"))) {
            // postgres refuses to run as root: hand the cluster directory to an unprivileged user.
            runAs = userExists("postgres") ? "postgres" : "nobody";
            UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(root, users.lookupPrincipalByName(runAs));
        }
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        PostgresCluster c = new PostgresCluster(bin, root, runAs);
        String failure = c.start();
        if (failure != null) {
            c.close();
        }
        Assumptions.assumeTrue(failure == null, failure);
        return c;
    }

    /**
     * One cluster for every test class of the JVM that asks for it (started on first use, stopped when the JVM
     * exits): the conformance suite creates one database per case in it.
     */
    public static synchronized PostgresCluster sharedOrSkip() throws Exception {
        Assumptions.assumeTrue(sharedFailure == null, () -> sharedFailure);
        if (shared == null) {
            try {
                shared = startOrSkip();
            } catch (org.opentest4j.TestAbortedException e) {
                sharedFailure = e.getMessage();
                throw e;
            }
            PostgresCluster c = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "stop-test-postgres"));
        }
        return shared;
    }

    /** null when the server runs, else why not. */
    private String start() throws Exception {
        Run init = run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), null, Map.of(), 120);
        if (init.exit() != 0) {
            return "initdb failed, skipping: " + init.output();
        }
        port = freePort();
        String options = "-p " + port + " -k " + root + " -c listen_addresses=" + HOST + " -c fsync=off"
                + " -c full_page_writes=off -c synchronous_commit=off";
        Run start = run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                root.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start")), null, Map.of(), 90);
        if (start.exit() != 0) {
            return "the PostgreSQL server did not start, skipping: " + start.output() + readLog();
        }
        started = true;
        return null;
    }

    @Override
    public void close() {
        try {
            if (started) {
                started = false;
                run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                        "stop")), null, Map.of(), 60);
            }
            run(List.of("rm", "-rf", root.toString()), null, Map.of(), 60);
        } catch (Exception e) {
            // Best effort: a leftover temp directory is not worth failing a test run for.
        }
    }

    public int port() {
        return port;
    }

    /** The server's major version, e.g. 15. */
    public int majorVersion() throws Exception {
        String v = query("postgres", "SHOW server_version_num").strip();
        return Integer.parseInt(v) / 10000;
    }

    /** A new empty database (dropped first if a previous run left it). */
    public String createDatabase(String name) throws Exception {
        Run r = psql("postgres", List.of("-v", "ON_ERROR_STOP=1", "-c", "DROP DATABASE IF EXISTS " + name,
                "-c", "CREATE DATABASE " + name + " TEMPLATE template0"));
        if (r.exit() != 0) {
            throw new IllegalStateException("CREATE DATABASE " + name + ": " + r.output());
        }
        return name;
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + db + "?user=" + USER;
    }

    /** How far the server log has grown: pass it to {@link #logSince} to read what a step made the server log. */
    public long logSize() {
        try {
            return Files.size(root.resolve("server.log"));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The server log from {@code offset} on (errors a client did not print, e.g. a runner that hides them). */
    public String logSince(long offset) {
        try (var in = Files.newInputStream(root.resolve("server.log"))) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A libpq URL, as dbmate, node-pg-migrate, graphile-migrate and drizzle-kit take it. */
    public String url(String db) {
        return "postgres://" + USER + "@" + HOST + ":" + port + "/" + db + "?sslmode=disable";
    }

    public Run psql(String db, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool("psql"), "-X", "-q", "-h", HOST, "-p",
                String.valueOf(port), "-U", USER, "-d", db));
        cmd.addAll(args);
        return run(cmd, null, Map.of(), 120);
    }

    /** One query's result, unaligned and without headers; fails the test when the query does. */
    public String query(String db, String sql) throws Exception {
        Run r = psql(db, List.of("-At", "-v", "ON_ERROR_STOP=1", "-c", sql));
        if (r.exit() != 0) {
            throw new IllegalStateException(sql + ": " + r.output());
        }
        return r.output();
    }

    /** The schema as {@code pg_dump --schema-only} prints it, without the lines that change on every dump. */
    public Run schemaDump(String db) throws Exception {
        return run(List.of(tool("pg_dump"), "-h", HOST, "-p", String.valueOf(port), "-U", USER,
                "--schema-only", "--no-owner", "--no-privileges", db), null, Map.of(), 60);
    }

    /** A client program of this server's version when it has one (psql, pg_dump), else the one on PATH. */
    public String tool(String name) {
        Path p = bin.resolve(name);
        return Files.isExecutable(p) ? p.toString() : name;
    }

    public record Run(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /** Runs a program with stdin closed, stdout and stderr merged; exit -1 when it outlives {@code seconds}. */
    public static Run run(List<String> cmd, Path dir, Map<String, String> env, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = Files.createTempFile("migralint-run-", ".out");
        pb.redirectOutput(out.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Run(-1, "timed out after " + seconds + " s: " + String.join(" ", cmd) + "\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
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

    private static boolean userExists(String user) {
        try {
            return run(List.of("id", "-u", user), null, Map.of(), 10).exit() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String readLog() {
        try {
            return "\n" + Files.readString(root.resolve("server.log"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** initdb on PATH, else the newest /usr/lib/postgresql/N/bin (Debian keeps the server binaries there). */
    public static Path findBin() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (d.isEmpty()) {
                    continue;
                }
                Path dir = Path.of(d);
                if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))) {
                    return dir;
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return null;
        }
        try (Stream<Path> s = Files.list(debian)) {
            return s.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString()))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
