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
