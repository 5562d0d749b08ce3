package dev.migralint.fix;

import dev.migralint.Corpus;
import dev.migralint.cli.FixCommand;
import dev.migralint.config.Config;
import dev.migralint.config.RuleOverrides;
import dev.migralint.rules.Linter;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays real migration histories against a throwaway PostgreSQL server: the original files into one database, the
 * fixed files into another, each file sent as one simple query (as Prisma sends migration.sql: one implicit
 * transaction, so a CONCURRENTLY added to a file of several statements would fail here). The schemas must match
 * exactly ({@code pg_dump --schema-only}). Skipped when the PostgreSQL server binaries are not installed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresReplayTest {
    /** Prisma histories from the corpus that apply cleanly, in order, on a vanilla PostgreSQL 15. */
    static final Map<String, String> PROJECTS = Map.of(
            "documenso", "documenso__documenso/packages/prisma/migrations",
            "rallly", "lukevella__rallly/packages/database/prisma/migrations",
            "hoppscotch", "hoppscotch__hoppscotch/packages/hoppscotch-backend/prisma/migrations",
            "umami", "umami-software__umami/prisma/migrations");
    private static final int MAX_BATCH_CHARS = 400_000;
    /** The originals' schemas, replayed once for both tests. */
    private static final Map<String, String> ORIGINAL_SCHEMAS = new java.util.HashMap<>();

    private static Path bin;
    private static Path root;
    private static Path data;
    private static String runAs;
    private static int port;
    private static boolean started;

    @BeforeAll
    static void startServer() throws Exception {
        bin = findBin();
        Assumptions.assumeTrue(bin != null, "PostgreSQL server binaries (initdb, pg_ctl) not found; skipping");
        root = Files.createTempDirectory("migralint-pg-");
        data = root.resolve("data");
        runAs = null;
        if ("root".equals(System.getProperty("user.name"))) {
            // postgres refuses to run as root: hand the cluster directory to an unprivileged user.
            runAs = userExists("postgres") ? "postgres" : "nobody";
            UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(root, users.lookupPrincipalByName(runAs));
        }
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        Run init = run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "pg",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), null, 120);
        Assumptions.assumeTrue(init.exit == 0, () -> "initdb failed, skipping: " + init.output);
        port = freePort();
        String options = "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c full_page_writes=off -c synchronous_commit=off";
        Run start = run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                root.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start")), null, 90);
        Assumptions.assumeTrue(start.exit == 0, () -> "the PostgreSQL server did not start, skipping: " + start.output
                + readLog());
        started = true;
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (started) {
            run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                    "stop")), null, 60);
        }
        if (root != null) {
            run(List.of("rm", "-rf", root.toString()), null, 60);
        }
    }

    @Test
    void safeFixesGiveTheSameSchemaAsTheOriginals(@TempDir Path tmp) throws Exception {
        Map<String, Integer> used = new TreeMap<>();
        int projects = 0;
        for (Map.Entry<String, String> p : new TreeMap<>(PROJECTS).entrySet()) {
            if (replay(p.getKey(), p.getValue(), tmp, RuleSet.bundled(), RuleOverrides.none(), false, used)) {
                projects++;
            }
        }
        System.out.println("replay (safe fixes): " + projects + " projects, same schema; rewrites applied " + used);
        assertTrue(projects >= 3, "at least three histories replayed");
        for (String rewrite : List.of("add-concurrently", "add-if-not-exists", "add-if-exists", "split-not-valid",
                "set-lock-timeout")) {
            assertTrue(used.getOrDefault(rewrite, 0) > 0, rewrite + " was exercised against the server");
        }
    }

    @Test
    void unsafeRewritesThatKeepTheSchemaGiveTheSameSchema(@TempDir Path tmp) throws Exception {
        RuleSet rules = FixTesting.rules(FixTesting.NOT_NULL_IN_STEPS, FixTesting.GUARD_CREATE_TYPE,
                FixTesting.GUARD_ADD_CONSTRAINT);
        // comment-out removes statements and replace-type changes column types by design: their schemas differ,
        // so their rules are left out here.
        Set<String> off = rules.all().stream().filter(r -> r.fix() != null
                        && (r.fix().name().equals("comment-out") || r.fix().name().equals("replace-type")))
                .map(Rule::id).collect(Collectors.toSet());
        Map<String, Integer> used = new TreeMap<>();
        int projects = 0;
        for (Map.Entry<String, String> p : new TreeMap<>(PROJECTS).entrySet()) {
            if (replay(p.getKey() + "_u", p.getValue(), tmp, rules, new RuleOverrides(off, Set.of(), Map.of()), true,
                    used)) {
                projects++;
            }
        }
        System.out.println("replay (with unsafe fixes): " + projects + " projects, same schema; rewrites applied " + used);
        assertTrue(projects >= 3);
        assertTrue(used.getOrDefault("not-null-in-steps", 0) > 0, "not-null-in-steps was exercised");
        assertTrue(used.getOrDefault("add-if-not-exists", 0) > 0);
    }

    /** Fixes a copy of one history, replays both, compares the schemas; false when the project is not in the corpus. */
    private boolean replay(String name, String relative, Path tmp, RuleSet rules, RuleOverrides overrides,
                           boolean unsafe, Map<String, Integer> used) throws Exception {
        Path original = Corpus.dir().resolve(relative);
        if (!Files.isDirectory(original)) {
            return false;
        }
        // Keep the migrations/<timestamp>/migration.sql layout: it is how the runner (Prisma) is recognized.
        Path copy = tmp.resolve(name).resolve("migrations");
        copyTree(original, copy);
        Config config = Config.defaults(copy.getParent());
        Linter linter = new Linter(rules, overrides);
        FixCommand.Result result = FixCommand.run(config, linter, FixCorpusTest.collect(copy.getParent()),
                new FixOptions(unsafe, config.lockTimeout(), Set.of()), true);
        int fixed = 0;
        for (FixCommand.Fixed f : result.files()) {
            for (FixOutcome o : f.fix().outcomes()) {
                if (o.isFixed()) {
                    fixed++;
                    used.merge(o.rewrite(), 1, Integer::sum);
                }
            }
        }
        assertTrue(fixed > 0, name + ": nothing was fixed");
        String before = ORIGINAL_SCHEMAS.get(relative);
        if (before == null) {
            before = schema("o_" + name, migrations(original));
            ORIGINAL_SCHEMAS.put(relative, before);
        }
        String after = schema("f_" + name, migrations(copy));
        assertEquals(before, after, name + ": the fixed migrations give a different schema");
        return true;
    }

    private static List<Path> migrations(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString())).toList();
        }
    }

    /** Creates a database, applies the files in order (each as one simple query) and dumps its schema. */
    private static String schema(String db, List<Path> files) throws Exception {
        Run create = psql("postgres", List.of("-c", "DROP DATABASE IF EXISTS " + db, "-c", "CREATE DATABASE " + db));
        assertEquals(0, create.exit, create.output);
        List<String> batch = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int chars = 0;
        for (Path f : files) {
            String sql = Files.readString(f, StandardCharsets.UTF_8);
            if (sql.startsWith("\uFEFF")) {
                sql = sql.substring(1);
            }
            if (sql.isBlank()) {
                continue;
            }
            if (chars + sql.length() > MAX_BATCH_CHARS && !batch.isEmpty()) {
                apply(db, batch, names);
                batch.clear();
                names.clear();
                chars = 0;
            }
            batch.add("-c");
            batch.add(sql);
            names.add(f.getParent().getFileName() + "/" + f.getFileName());
            chars += sql.length();
        }
        if (!batch.isEmpty()) {
            apply(db, batch, names);
        }
        Run dump = run(List.of(tool("pg_dump"), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "pg",
                "--schema-only", "--no-owner", "--no-privileges", db), null, 60);
        assertEquals(0, dump.exit, dump.output);
        return dump.output.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    private static void apply(String db, List<String> commands, List<String> names) throws Exception {
        List<String> args = new ArrayList<>(List.of("-v", "ON_ERROR_STOP=1"));
        args.addAll(commands);
        Run r = psql(db, args);
        assertEquals(0, r.exit, () -> db + ": " + r.output.strip() + "\n(while applying " + names.size() + " files, "
                + names.get(0) + " to " + names.get(names.size() - 1) + ")");
    }

    private static Run psql(String db, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool("psql"), "-X", "-q", "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", "pg", "-d", db));
        cmd.addAll(args);
        return run(cmd, null, 120);
    }

    private static String tool(String name) {
        Path p = bin.resolve(name);
        return Files.isExecutable(p) ? p.toString() : name;
    }

    record Run(int exit, String output) {}

    private static Run run(List<String> cmd, Path dir, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out: " + String.join(" ", cmd.subList(0, Math.min(3, cmd.size()))));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<String> asServerUser(List<String> cmd) {
        if (runAs == null) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", runAs, "--"));
        out.addAll(cmd);
        return out;
    }

    private static boolean userExists(String user) {
        try {
            return run(List.of("id", "-u", user), null, 10).exit == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String readLog() {
        try {
            return "\n" + Files.readString(root.resolve("server.log"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** initdb on PATH, else the newest /usr/lib/postgresql/N/bin (Debian keeps the server binaries there). */
    static Path findBin() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
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

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
