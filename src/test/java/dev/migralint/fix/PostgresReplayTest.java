package dev.migralint.fix;

import dev.migralint.Corpus;
import dev.migralint.PostgresCluster;
import dev.migralint.cli.FixCommand;
import dev.migralint.config.Config;
import dev.migralint.config.RuleOverrides;
import dev.migralint.rules.Linter;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    private static PostgresCluster pg;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresCluster.startOrSkip();
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void safeFixesGiveTheSameSchemaAsTheOriginals(@TempDir Path tmp) throws Exception {
        Map<String, Integer> used = new TreeMap<>();
        int projects = 0;
        for (Map.Entry<String, String> p : new TreeMap<>(PROJECTS).entrySet()) {
            if (replay(p.getKey(), p.getValue(), tmp, RuleSet.bundled(), RuleOverrides.none().withSets(Set.of("recommended", "strict")), false, used)) {
                projects++;
            }
        }
        System.out.println("replay (safe fixes): " + projects + " projects, same schema; rewrites applied " + used);
        assertTrue(projects >= 3, "at least three histories replayed");
        // split-not-valid is not among them: in a Prisma file (one transaction) its VALIDATE would run in the
        // transaction that added the constraint (validate-in-same-transaction), so the fixer does not keep it.
        assertEquals(0, used.getOrDefault("split-not-valid", 0), "split-not-valid applied in a one-transaction file");
        for (String rewrite : List.of("add-concurrently", "add-if-not-exists", "add-if-exists", "set-lock-timeout")) {
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
            if (replay(p.getKey() + "_u", p.getValue(), tmp, rules, new RuleOverrides(off, Set.of(), Map.of()).withSets(Set.of("recommended", "strict")), true,
                    used)) {
                projects++;
            }
        }
        System.out.println("replay (with unsafe fixes): " + projects + " projects, same schema; rewrites applied " + used);
        assertTrue(projects >= 3);
        // Prisma sends each file as one transaction, where the steps gain nothing: not-null-in-steps is not offered.
        assertEquals(0, used.getOrDefault("not-null-in-steps", 0), "not-null-in-steps applied in a one-transaction file");
        assertTrue(used.getOrDefault("add-if-not-exists", 0) > 0);
    }

    /**
     * Issue 14's acceptance: every PostgreSQL history of the corpus that applies unmodified, applied as its runner
     * applies it (a file the runner wraps as one query, an implicit transaction; any other file statement by
     * statement; down migrations and sections left out). The safe-fixed history must apply and give the same schema;
     * the history with the unsafe fixes too must apply, its schema differences are printed (comment-out keeps what was
     * dropped, replace-type changes types: differences the rewrites mean). By default it runs on five projects
     * ({@link #DEFAULT_REPLAY}); {@code -Dmigralint.replay.projects=all} runs every corpus project, and
     * {@code -Dmigralint.replay.projects=a,b} the ones named. The whole corpus is too slow for the default run on a
     * shared machine; it passes (84 histories, 30 apply unmodified, all 30 pass safe and unsafe).
     * {@code -Dmigralint.replay.strict=true} adds the strict set (its IF [NOT] EXISTS guards and replace-type). A
     * corpus may describe what a project's deployment does before its migrations (extensions, roles) in
     * {@code <project>.setup.psql} beside the project's directory (bench/heldout-corpus.sh writes them); it is run
     * into every database of the project's histories first, and {@code <project>.histories} may name directories
     * whose migrations the project applies into one database as one history ({@link #mergeDirectories}).
     */
    static final String DEFAULT_REPLAY = "hoppscotch__hoppscotch,umami-software__umami,atuinsh__atuin,graphile__worker,sqlc-dev__sqlc";

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void everyCorpusHistoryStillAppliesAfterFixing(@TempDir Path tmp) throws Exception {
        String chosen = System.getProperty("migralint.replay.projects", DEFAULT_REPLAY);
        String only = chosen.equals("all") ? "" : chosen;
        List<String> projects = new ArrayList<>();
        try (Stream<Path> s = Files.list(Corpus.dir())) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .filter(n -> only.isBlank() || List.of(only.split(",")).contains(n)).forEach(projects::add);
        }
        Path safeCopy = FixCorpusTest.copyCorpus(tmp.resolve("safe"), projects);
        Path unsafeCopy = FixCorpusTest.copyCorpus(tmp.resolve("unsafe"), projects);
        boolean strict = Boolean.getBoolean("migralint.replay.strict");
        Map<String, History> safe = fixedHistories(safeCopy, false, strict);
        Map<String, History> unsafe = fixedHistories(unsafeCopy, true, strict);
        mergeDirectories(safe, projects);
        mergeDirectories(unsafe, projects);
        int applied = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, History> h : safe.entrySet()) {
            String db = "h" + (n++);
            String setup = setup(h.getKey());
            String original;
            try {
                original = apply(db + "_o", h.getValue().runner(), setup, h.getValue().original());
            } catch (AssertionError e) {
                skipped++; // does not apply unmodified on this server: not a history this test can judge
                System.out.println("replay: skipped " + h.getKey() + " (does not apply unmodified: "
                        + firstLine(e.getMessage()) + ")");
                continue;
            }
            applied++;
            try {
                String fixed = apply(db + "_s", h.getValue().runner(), setup, h.getValue().fixed());
                if (!original.equals(fixed)) {
                    failures.add(h.getKey() + ": the safe fixes change the schema");
                }
            } catch (AssertionError e) {
                failures.add(h.getKey() + " (safe fixes): " + firstLine(e.getMessage()));
            }
            History u = unsafe.get(h.getKey());
            try {
                String fixed = apply(db + "_u", u.runner(), setup, u.fixed());
                long differing = diffLines(original, fixed);
                System.out.println("replay: " + h.getKey() + ": " + u.original().size() + " files; safe fixes "
                        + h.getValue().fixes() + ", same schema; unsafe fixes " + u.fixes() + ", " + differing
                        + " schema lines differ" + (differing == 0 ? "" : ": " + diffSample(original, fixed)));
            } catch (AssertionError e) {
                failures.add(h.getKey() + " (unsafe fixes): " + firstLine(e.getMessage()));
            }
        }
        System.out.println("replay of the corpus: " + safe.size() + " histories, " + applied + " apply unmodified, "
                + skipped + " skipped, " + failures.size() + " failures");
        assertTrue(applied > 0 || !only.isBlank(), "no corpus history applied unmodified");
        assertEquals(List.of(), failures);
    }

    /**
     * One history: its files' SQL as the runner sends it, original and fixed (in the order the runner applies them),
     * how many fixes were applied, and its runner.
     */
    private record History(List<Sent> original, List<Sent> fixed, int fixes, String runner) {}

    /** A file's up SQL and whether the runner sends it as one query (one implicit transaction). */
    private record Sent(String name, String sql, boolean oneQuery) {}

    /** Fixes the copied corpus in place and groups its PostgreSQL files into histories (by migrations directory). */
    private static Map<String, History> fixedHistories(Path root, boolean unsafe, boolean strict) throws Exception {
        Config config = Config.defaults(root);
        if (strict) {
            config = config.withRules(config.rules().withSets(Set.of("recommended", "strict")));
        }
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FixCommand.Result r = FixCommand.run(config, linter, FixCorpusTest.collect(root),
                new FixOptions(unsafe, config.lockTimeout(), Set.of()), true);
        Map<String, dev.migralint.rules.FileResult> after = new java.util.HashMap<>();
        r.after().files().forEach(f -> after.put(f.path(), f));
        Map<String, Integer> fixes = new java.util.HashMap<>();
        for (FixCommand.Fixed f : r.files()) {
            fixes.merge(history(f.fix().displayPath()), (int) f.fix().fixedCount(), Integer::sum);
        }
        Map<String, List<Sent>> originals = new java.util.LinkedHashMap<>();
        Map<String, List<Sent>> fixed = new java.util.LinkedHashMap<>();
        Map<String, Boolean> postgres = new java.util.HashMap<>();
        Map<String, String> runners = new java.util.HashMap<>();
        for (dev.migralint.rules.FileResult b : r.before().files()) {
            if (b.analyzed() == null || b.analyzed().operations().isEmpty()) {
                continue;
            }
            String h = history(b.path());
            postgres.merge(h, b.analyzed().parsed().dialect() == dev.migralint.sql.Dialect.POSTGRESQL, Boolean::logicalAnd);
            runners.putIfAbsent(h, b.analyzed().framework().id());
            Sent o = sent(b);
            dev.migralint.rules.FileResult a = after.get(b.path());
            Sent x = a == null || a.analyzed() == null ? o : sent(a);
            if (o != null) {
                originals.computeIfAbsent(h, k -> new ArrayList<>()).add(o);
                fixed.computeIfAbsent(h, k -> new ArrayList<>()).add(x == null ? o : x);
            }
        }
        Map<String, History> out = new TreeMap<>();
        originals.forEach((h, files) -> {
            if (postgres.getOrDefault(h, false)) {
                String runner = runners.get(h);
                out.put(h, new History(inRunnerOrder(files, runner), inRunnerOrder(fixed.get(h), runner),
                        fixes.getOrDefault(h, 0), runner));
            }
        });
        return out;
    }

    /** The files the runner applies, in its order. */
    private static List<Sent> inRunnerOrder(List<Sent> files, String runner) {
        List<Sent> sorted = new ArrayList<>(files);
        sorted.removeIf(f -> !RunnerReplay.applies(runner, f.name()));
        Comparator<String> order = RunnerReplay.order(runner);
        if (order != null) {
            sorted.sort(Comparator.comparing(Sent::name, order));
        }
        return sorted;
    }

    /** The history a migration belongs to: its directory, or its parent's for one-directory-per-migration layouts. */
    private static String history(String path) {
        String p = path.replace('\\', '/');
        String dir = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.equals("migration.sql") || name.equals("up.sql") || name.equals("down.sql")) {
            dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
        }
        return dir;
    }

    /** The file's up statements as the runner sends them; null for a down-only file. */
    private static Sent sent(dev.migralint.rules.FileResult f) {
        var analyzed = f.analyzed();
        String text = analyzed.parsed().source().text();
        boolean anyUp = false;
        boolean anyDown = false;
        boolean inTransaction = false;
        java.util.TreeMap<Integer, int[]> upStatements = new java.util.TreeMap<>();
        for (var ao : analyzed.operations()) {
            boolean up = !"down".equals(ao.context().get(dev.migralint.analysis.ContextFacts.DIRECTION));
            anyUp |= up;
            anyDown |= !up;
            if (up) {
                inTransaction |= Boolean.TRUE.equals(ao.context().get(dev.migralint.analysis.ContextFacts.IN_TRANSACTION));
                var st = ao.statement().statement();
                upStatements.put(st.index(), new int[] {st.span().start(), st.span().end()});
            }
        }
        if (!anyUp) {
            return null;
        }
        String sql = text;
        if (anyDown) {
            StringBuilder b = new StringBuilder();
            for (int[] span : upStatements.values()) {
                String st = text.substring(span[0], span[1]).strip();
                // The terminator on a line of its own: a statement may end in a line comment (goose's
                // "-- +goose StatementEnd" after a last statement without a semicolon).
                b.append(st).append(st.endsWith(";") ? "" : "\n;").append('\n');
            }
            sql = b.toString();
        }
        if (sql.startsWith("\uFEFF")) {
            sql = sql.substring(1);
        }
        return new Sent(f.path(), sql, inTransaction);
    }

    /**
     * Directories one database takes its migrations from, as one history: Flyway merges its locations by version
     * (conductor's migration_postgres and migration_postgres_data), and a project may run one runner over two
     * directories, deploy after deploy (UPchieve's dbmate schema and seed updates), so that a migration of one depends
     * on an earlier one of the other. Each line of {@code <project>.histories} names such directories, relative to the
     * project; their histories, when all present, are replaced by one with every file in version order.
     */
    private static void mergeDirectories(Map<String, History> histories, List<String> projects) throws IOException {
        for (String project : projects) {
            Path file = Corpus.dir().resolve(project + ".histories");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> keys = Stream.of(line.trim().split("\\s+")).map(d -> project + "/" + d).toList();
                if (!histories.keySet().containsAll(keys)) {
                    continue;
                }
                List<Sent> original = new ArrayList<>();
                List<Sent> fixed = new ArrayList<>();
                int fixes = 0;
                String runner = histories.get(keys.get(0)).runner();
                for (String k : keys) {
                    History h = histories.remove(k);
                    original.addAll(h.original());
                    fixed.addAll(h.fixed());
                    fixes += h.fixes();
                }
                Comparator<Sent> byVersion = (a, b) -> compareVersions(version(a.name()), version(b.name()));
                original.sort(byVersion);
                fixed.sort(byVersion);
                histories.put(String.join(" + ", keys), new History(original, fixed, fixes, runner));
            }
        }
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("^[A-Za-z]?(\\d+(?:[._]\\d+)*)");

    /**
     * A migration's version as numbers: the leading digits of its file name, after one letter (Flyway's V), with the
     * parts Flyway separates by '.' or '_' (V18.1__x is 18.1, after V18__y); none for a name without one.
     */
    private static List<Long> version(String path) {
        String name = path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
        java.util.regex.Matcher m = VERSION.matcher(name);
        if (!m.find()) {
            return List.of();
        }
        return Stream.of(m.group(1).split("[._]")).map(p -> p.length() > 18 ? Long.MAX_VALUE : Long.parseLong(p)).toList();
    }

    private static int compareVersions(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The project's setup script (see everyCorpusHistoryStillAppliesAfterFixing), or null. */
    private static String setup(String history) throws IOException {
        Path file = Corpus.dir().resolve(history.split("/", 2)[0] + ".setup.psql");
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }

    /**
     * Applies the files in order into a new database, after the runner's prelude and the project's setup, and returns
     * its schema; fails (AssertionError) on an error.
     */
    private static String apply(String db, String runner, String setup, List<Sent> files) throws Exception {
        pg.createDatabase(db);
        for (String sql : RunnerReplay.prelude(runner)) {
            PostgresCluster.Run r = pg.psql(db, List.of("-v", "ON_ERROR_STOP=1", "-c", sql));
            assertEquals(0, r.exit(), r.output());
        }
        if (setup != null) {
            // psql -f: the setup is psql input written by hand, not a migration the runner sends.
            Path file = Files.createTempFile("migralint-setup-", ".sql");
            try {
                Files.writeString(file, setup, StandardCharsets.UTF_8);
                PostgresCluster.Run r = pg.psql(db, List.of("-v", "ON_ERROR_STOP=1", "-f", file.toString()));
                assertEquals(0, r.exit(), () -> "setup: " + r.output());
            } finally {
                Files.deleteIfExists(file);
            }
        }
        // CREATE DATABASE is cluster-wide: a database a history creates (temporal's database.sql) would outlive this
        // replay and make the next replay of the same history fail with "already exists".
        Set<String> databases = databases();
        try {
            return applyInto(db, files);
        } finally {
            for (String created : databases()) {
                if (!databases.contains(created)) {
                    pg.query("postgres", "DROP DATABASE IF EXISTS \"" + created.replace("\"", "\"\"") + "\"");
                }
            }
        }
    }

    private static Set<String> databases() throws Exception {
        return Set.copyOf(pg.query("postgres", "SELECT datname FROM pg_database").lines().toList());
    }

    private static String applyInto(String db, List<Sent> files) throws Exception {
        for (Sent f : files) {
            if (f.sql().isBlank()) {
                continue;
            }
            PostgresCluster.Run r;
            if (f.oneQuery()) {
                r = pg.psql(db, List.of("-v", "ON_ERROR_STOP=1", "-c", f.sql()));
            } else {
                Path file = Files.createTempFile("migralint-replay-", ".sql");
                try {
                    Files.writeString(file, f.sql(), StandardCharsets.UTF_8);
                    r = pg.psql(db, List.of("-v", "ON_ERROR_STOP=1", "-f", file.toString()));
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            if (r.exit() != 0) {
                throw new AssertionError(f.name() + ": " + r.output().strip());
            }
        }
        PostgresCluster.Run dump = pg.schemaDump(db);
        assertEquals(0, dump.exit(), dump.output());
        return dump.output().lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    private static long diffLines(String a, String b) {
        Set<String> left = new java.util.HashSet<>(a.lines().toList());
        Set<String> right = new java.util.HashSet<>(b.lines().toList());
        return b.lines().filter(l -> !left.contains(l)).count() + a.lines().filter(l -> !right.contains(l)).count();
    }

    private static String diffSample(String a, String b) {
        Set<String> left = new java.util.HashSet<>(a.lines().toList());
        Set<String> right = new java.util.HashSet<>(b.lines().toList());
        List<String> out = new ArrayList<>();
        a.lines().filter(l -> !right.contains(l)).limit(3).forEach(l -> out.add("-" + l.strip()));
        b.lines().filter(l -> !left.contains(l)).limit(3).forEach(l -> out.add("+" + l.strip()));
        return String.join(" | ", out);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().limit(2).collect(Collectors.joining(" / "));
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
        pg.createDatabase(db);
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
        PostgresCluster.Run dump = pg.schemaDump(db);
        assertEquals(0, dump.exit(), dump.output());
        return dump.output().lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    private static void apply(String db, List<String> commands, List<String> names) throws Exception {
        List<String> args = new ArrayList<>(List.of("-v", "ON_ERROR_STOP=1"));
        args.addAll(commands);
        PostgresCluster.Run r = pg.psql(db, args);
        assertEquals(0, r.exit(), () -> db + ": " + r.output().strip() + "\n(while applying " + names.size() + " files, "
                + names.get(0) + " to " + names.get(names.size() - 1) + ")");
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
