package dev.migralint.cache;

import dev.migralint.config.Config;
import dev.migralint.cli.Main;
import dev.migralint.engine.LintRun;
import dev.migralint.rules.FileResult;
import dev.migralint.analysis.Lock;
import dev.migralint.config.Severity;
import dev.migralint.rules.Finding;
import dev.migralint.rules.FixSpec;
import dev.migralint.rules.Suppression;
import dev.migralint.sql.Span;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.workspace.FileCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result cache reproduces findings exactly, follows histories, and survives whatever is in its directory. */
class ResultCacheTest {
    @TempDir
    Path tmp;

    private Path project() throws IOException {
        Path dir = tmp.resolve("project/migrations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("V1__users.sql"),
                "CREATE TABLE users (id int PRIMARY KEY, email varchar(100), age int);\n");
        Files.writeString(dir.resolve("V2__index.sql"),
                "-- migralint-ignore require-concurrent-index: tiny table\nCREATE INDEX idx_users_email ON users (email);\n"
                        + "CREATE INDEX idx_users_age ON users (age);\nUPDATE users SET age = 0;\n");
        Files.writeString(dir.resolve("V3__types.sql"),
                "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\nALTER TABLE users ALTER COLUMN age TYPE bigint;\n");
        return tmp.resolve("project");
    }

    private record Run(RunResult result, int hits) {}

    private Run lint(Path root, Path cacheDir) throws Exception {
        Config config = Config.defaults(root);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FileCollector.Collected files = new FileCollector(root, List.of(), List.of()).collect(List.of("."), root);
        ResultCache cache = cacheDir == null ? null : LintRun.openCache(cacheDir, config);
        LintRun run = new LintRun(config, linter).findingsOnly(true).withCache(cache);
        RunResult result = run.run(files.files(), files.refused(), List.of());
        if (cache != null) {
            cache.save();
        }
        return new Run(result, run.cacheHits());
    }

    private static List<String> describe(RunResult r) {
        List<String> out = new ArrayList<>();
        for (FileResult f : r.files()) {
            out.add(f.path() + " statements=" + f.statementCount());
            for (Finding x : f.findings()) {
                out.add("  " + x);
            }
        }
        return out;
    }

    @Test
    void warmRunReproducesEveryFindingExactly() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        List<String> reference = describe(lint(root, null).result());
        Run cold = lint(root, cache);
        Run warm = lint(root, cache);
        assertEquals(0, cold.hits());
        assertEquals(3, warm.hits());
        assertEquals(reference, describe(cold.result()));
        assertEquals(reference, describe(warm.result()));
        assertTrue(reference.stream().anyMatch(l -> l.contains("suppressedBy=Suppression")), "a suppressed finding is part of the test");
        assertTrue(reference.stream().anyMatch(l -> l.contains("changing-column-type")), "a history-dependent finding is part of the test");
        try (Stream<Path> s = Files.walk(cache)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file is left behind");
        }
    }

    @Test
    void changingAnEarlierMigrationRelintsTheLaterOnes() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        lint(root, cache);
        // V3's findings depend on the types V1 declared: varchar(100) -> varchar(200) is free, int -> bigint rewrites.
        Files.writeString(root.resolve("migrations/V1__users.sql"),
                "CREATE TABLE users (id int PRIMARY KEY, email text, age bigint);\n");
        Run warm = lint(root, cache);
        assertEquals(0, warm.hits(), "every file after the changed one is linted again");
        assertEquals(describe(lint(root, null).result()), describe(warm.result()));
    }

    @Test
    void appendingAMigrationLintsOnlyItWithTheHistoryStateItNeeds() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        lint(root, cache);
        Files.writeString(root.resolve("migrations/V4__more.sql"), "ALTER TABLE users ALTER COLUMN age TYPE int;\n"
                + "ALTER TABLE users ALTER COLUMN email TYPE varchar(300);\n");
        Run warm = lint(root, cache);
        assertEquals(3, warm.hits());
        assertEquals(describe(lint(root, null).result()), describe(warm.result()));
    }

    @Test
    void corruptTruncatedAndForeignPacksAreMisses() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        List<String> reference = describe(lint(root, null).result());
        lint(root, cache);
        Path pack = onlyPack(cache);
        byte[] good = Files.readAllBytes(pack);
        // A flipped byte in an entry, then in the index, a truncated pack, a pack of another scope, garbage.
        byte[] flipped = good.clone();
        flipped[flipped.length - 20] ^= 0x55;
        byte[] badIndex = good.clone();
        badIndex[80] ^= 0x55;
        byte[] otherScope = good.clone();
        otherScope[10] ^= 0x01;
        for (byte[] bytes : List.of(flipped, badIndex, java.util.Arrays.copyOf(good, good.length / 2), otherScope,
                "garbage".getBytes(StandardCharsets.UTF_8), new byte[0])) {
            Files.write(pack, bytes);
            Run warm = lint(root, cache);
            assertEquals(reference, describe(warm.result()));
            Files.write(pack, bytes);
        }
        Files.write(pack, flipped);
        assertTrue(lint(root, cache).hits() < 3, "the damaged entry is a miss");
        assertEquals(3, lint(root, cache).hits(), "and is written again");
        // A directory where the pack should be.
        Files.delete(pack);
        Files.createDirectory(pack);
        assertEquals(reference, describe(lint(root, cache).result()));
    }

    private static Path onlyPack(Path cache) throws IOException {
        try (Stream<Path> s = Files.walk(cache)) {
            List<Path> packs = s.filter(p -> p.toString().endsWith(".pack")).toList();
            assertEquals(1, packs.size(), "one pack per scope: " + packs);
            return packs.get(0);
        }
    }

    @Test
    void anUnwritableCacheDirectoryIsNotAnError() throws Exception {
        Path root = project();
        Path blocker = tmp.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        assertEquals(describe(lint(root, null).result()), describe(lint(root, blocker.resolve("cache")).result()));
    }

    @Test
    void theCodecKeepsEveryFieldOfAFindingAndRefusesDamagedBytes() throws Exception {
        Finding f = new Finding(
                new Finding.Problem("require-concurrent-index", Severity.WARNING, "CREATE INDEX locks users",
                        "Add CONCURRENTLY."),
                new Finding.Location("db/1.sql", new Span(3, 40), new Span(0, 41), 1, 4, 1, 41, 0, 1),
                new Lock("SHARE", "writes", false, true),
                new FixSpec("add-concurrently", Map.of("where", List.of("a", 1, true), "n", 2L)),
                new Finding.Handling(new Suppression(List.of("a", "b"), "why", 2, 0, false, new Span(5, 9),
                        Suppression.Origin.DOLLAR_BODY), true, Finding.DOWN));
        Finding bare = new Finding(new Finding.Problem("r", Severity.ERROR, "m", null),
                new Finding.Location("p", null, null, 0, 0, 0, 0, -1, -1), null, null, Finding.Handling.of(Finding.UP));
        LintEntry entry = new LintEntry(3, List.of(f, bare, f), Map.of("users", Map.of("id", "int")), List.of("old"));
        byte[] bytes = CacheCodec.encode(entry);
        assertEquals(entry, CacheCodec.decodeEntry(bytes));
        assertEquals(List.of(f, bare), CacheCodec.decodeFindings(CacheCodec.encode(List.of(f, bare))));
        for (int cut : new int[] {0, 1, bytes.length / 2, bytes.length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
            assertThrows(IOException.class, () -> CacheCodec.decodeEntry(truncated), "cut at " + cut);
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IOException.class, () -> CacheCodec.decodeEntry(longer));
        byte[] key = new byte[32];
        assertNull(ResultCache.open(tmp.resolve("c"), "test", "x").get(key));
    }

    @Test
    void fingerprintsAreStableAcrossRunsOfMapsAndSets() {
        assertEquals(RunFingerprint.canonical(java.util.Map.of("a", 1, "b", 2, "c", 3)),
                RunFingerprint.canonical(new java.util.TreeMap<>(java.util.Map.of("c", 3, "b", 2, "a", 1))));
        assertEquals(RunFingerprint.canonical(java.util.Set.of("x", "y", "z")), RunFingerprint.canonical(new java.util.TreeSet<>(java.util.Set.of("z", "y", "x"))));
    }

    @Test
    void checkUsesTheCacheUnlessToldNotTo() throws Exception {
        Path root = project();
        Files.createDirectories(root.resolve(".git"));
        Path cache = tmp.resolve("cli-cache");
        String before = System.getProperty("migralint.cache.dir");
        String cwd = System.getProperty("user.dir");
        try {
            System.setProperty("migralint.cache.dir", cache.toString());
            String first = check(root, "check", root.resolve("migrations").toString());
            assertTrue(Files.isDirectory(cache), "the first run writes the cache");
            String second = check(root, "check", root.resolve("migrations").toString());
            String uncached = check(root, "check", "--no-cache", root.resolve("migrations").toString());
            assertEquals(withoutTiming(first), withoutTiming(second));
            assertEquals(withoutTiming(first), withoutTiming(uncached));
        } finally {
            if (before == null) {
                System.clearProperty("migralint.cache.dir");
            } else {
                System.setProperty("migralint.cache.dir", before);
            }
            System.setProperty("user.dir", cwd);
        }
    }

    private static String check(Path root, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return out + err.toString();
    }

    private static String withoutTiming(String report) {
        return report.replaceAll(" in \\d+ ms", " in N ms");
    }
}
