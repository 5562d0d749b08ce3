package dev.migralint.fix;

import dev.migralint.Corpus;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.FileAnalyzer;
import dev.migralint.cli.FixCommand;
import dev.migralint.config.Config;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.FileCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The acceptance run over every file of the shared corpus, copied to a temporary directory: fixing twice gives the
 * same bytes as fixing once; afterwards no fixed finding is reported again; and the fixed files split and parse to the
 * same operations, plus the guards the fixes add (SET lock_timeout, VALIDATE CONSTRAINT).
 */
class FixCorpusTest {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void safeFixesAreIdempotentResolveTheirFindingsAndKeepTheOperations(@TempDir Path tmp) throws Exception {
        Path copy = copyCorpus(tmp.resolve("corpus"));
        Config config = Config.defaults(copy);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FixOptions options = new FixOptions(false, config.lockTimeout(), java.util.Set.of());

        FixCommand.Result once = FixCommand.run(config, linter, collect(copy), options, true);
        Map<Path, byte[]> afterOnce = snapshot(copy);
        FixCommand.Result twice = FixCommand.run(config, linter, collect(copy), options, true);
        Map<Path, byte[]> afterTwice = snapshot(copy);

        int filesChanged = 0;
        int fixed = 0;
        int unavailable = 0;
        Map<String, Integer> byRewrite = new TreeMap<>();
        for (FixCommand.Fixed f : once.files()) {
            if (f.fix().changed()) {
                filesChanged++;
                assertTrue(f.write() != null && f.write().written(), () -> f.fix().displayPath() + ": " + f.write());
            }
            for (FixOutcome o : f.fix().outcomes()) {
                if (o.isFixed()) {
                    fixed++;
                    byRewrite.merge(o.rewrite(), 1, Integer::sum);
                } else if (o.status() == FixOutcome.Status.UNAVAILABLE) {
                    unavailable++;
                }
            }
        }
        System.out.printf("fix over the corpus: %d files, %d changed, %d findings fixed %s, %d could not be fixed%n",
                once.files().size(), filesChanged, fixed, byRewrite, unavailable);
        assertTrue(filesChanged > 100 && fixed > 500, "the corpus should give the fixer plenty to do");

        // 1. Idempotence: the second run fixes nothing and changes no byte.
        long fixedTwice = twice.files().stream().mapToLong(f -> f.fix().fixedCount()).sum();
        assertEquals(0, fixedTwice, "the second run fixed something");
        assertEquals(afterOnce.keySet(), afterTwice.keySet());
        for (Map.Entry<Path, byte[]> e : afterOnce.entrySet()) {
            assertTrue(Arrays.equals(e.getValue(), afterTwice.get(e.getKey())), () -> "changed again: " + e.getKey());
        }

        // 2. No fixed finding is reported again on the fixed files.
        Map<String, FileResult> after = new HashMap<>();
        for (FileResult r : once.after().files()) {
            after.put(r.path(), r);
        }
        int checked = 0;
        for (FixCommand.Fixed f : once.files()) {
            FileResult now = after.get(f.fix().displayPath());
            for (FixOutcome o : f.fix().outcomes()) {
                if (!o.isFixed()) {
                    continue;
                }
                int at = f.fix().toFixed(o.finding().span().start());
                for (Finding g : now.findings()) {
                    if (g.ruleId().equals(o.finding().ruleId()) && !g.suppressed() && g.span().start() == at) {
                        fail(f.fix().displayPath() + ":" + o.finding().line() + ": " + o.finding().ruleId()
                                + " was fixed (" + o.fix().description() + ") but is still reported");
                    }
                }
                checked++;
            }
        }
        assertEquals(fixed, checked);

        // 3. Same operations, in the same order, on the same tables, plus the guards the fixes added.
        Map<String, FileResult> before = new HashMap<>();
        for (FileResult r : once.before().files()) {
            before.put(r.path(), r);
        }
        int compared = 0;
        for (FixCommand.Fixed f : once.files()) {
            if (!f.fix().changed()) {
                continue;
            }
            FileResult b = before.get(f.fix().displayPath());
            FileResult a = after.get(f.fix().displayPath());
            List<String> was = new ArrayList<>();
            List<String> is = new ArrayList<>();
            int guardsBefore = operations(b, was);
            int guardsAfter = operations(a, is);
            assertEquals(was, is, () -> f.fix().displayPath() + ": the operations changed");
            long added = f.fix().outcomes().stream().filter(FixOutcome::isFixed).map(FixOutcome::fix).distinct()
                    .filter(x -> x.rewrite().equals("set-lock-timeout") || x.rewrite().equals("split-not-valid")).count();
            assertEquals(guardsBefore + added, guardsAfter, () -> f.fix().displayPath() + ": unexpected guards");
            compared++;
        }
        assertEquals(filesChanged, compared);
    }

    /** The Postgres projects the unsafe rewrites are exercised on (the whole corpus would double the run time). */
    static final List<String> UNSAFE_PROJECTS = List.of("documenso__documenso", "lukevella__rallly",
            "hoppscotch__hoppscotch", "umami-software__umami", "supabase__auth", "graphile__worker", "riverqueue__river",
            "tensorzero__tensorzero", "formbricks__formbricks");

    /**
     * {@link #UNSAFE_PROJECTS}, or the projects {@code -Dmigralint.unsafe.projects=a,b} names ({@code all}: every one),
     * for another corpus ({@code -Dmigralint.corpus}, e.g. the held-out one of bench/heldout-corpus.sh).
     */
    static List<String> unsafeProjects() {
        String chosen = System.getProperty("migralint.unsafe.projects", "");
        return chosen.isBlank() ? UNSAFE_PROJECTS : chosen.equals("all") ? null : List.of(chosen.split(","));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void unsafeFixesAreIdempotentToo(@TempDir Path tmp) throws Exception {
        Path copy = copyCorpus(tmp.resolve("corpus"), unsafeProjects());
        Config config = Config.defaults(copy);
        RuleSet rules = FixTesting.rules(FixTesting.NOT_NULL_IN_STEPS, FixTesting.GUARD_CREATE_TYPE,
                FixTesting.COMMENT_OUT_DROP_COLUMN);
        Linter linter = new Linter(rules, config.rules());
        FixOptions options = new FixOptions(true, config.lockTimeout(), java.util.Set.of());
        FixCommand.Result once = FixCommand.run(config, linter, collect(copy), options, true);
        Map<Path, byte[]> afterOnce = snapshot(copy);
        FixCommand.Result twice = FixCommand.run(config, linter, collect(copy), options, true);
        long fixed = once.files().stream().mapToLong(f -> f.fix().fixedCount()).sum();
        long unsafe = once.files().stream().flatMap(f -> f.fix().outcomes().stream())
                .filter(o -> o.isFixed() && !o.fix().safe()).count();
        System.out.printf("fix --unsafe-fixes over the corpus: %d findings fixed, %d by unsafe rewrites%n", fixed, unsafe);
        assertTrue(unsafe > 10, "unsafe rewrites should apply somewhere in the corpus");
        assertEquals(0, twice.files().stream().mapToLong(f -> f.fix().fixedCount()).sum());
        Map<Path, byte[]> afterTwice = snapshot(copy);
        for (Map.Entry<Path, byte[]> e : afterOnce.entrySet()) {
            assertTrue(Arrays.equals(e.getValue(), afterTwice.get(e.getKey())), () -> "changed again: " + e.getKey());
        }
    }

    /**
     * Issue 14's acceptance: {@code fix} and {@code fix --unsafe-fixes} on every file of the corpus, each under the
     * runner detected for it, then the output checked again: no file gets a finding of a rule it did not have.
     */
    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void fixedFilesRaiseNoRuleTheyDidNotHave(@TempDir Path tmp) throws Exception {
        // The third pass adds the strict set: its replace-type rewrites are what the history guards must stop.
        for (String mode : List.of("safe", "unsafe", "unsafe-strict")) {
            boolean unsafe = !mode.equals("safe");
            Path copy = copyCorpus(tmp.resolve(mode));
            Config config = Config.defaults(copy);
            if (mode.endsWith("strict")) {
                config = config.withRules(config.rules().withSets(java.util.Set.of("recommended", "strict")));
            }
            Linter linter = new Linter(RuleSet.bundled(), config.rules());
            FixOptions options = new FixOptions(unsafe, config.lockTimeout(), java.util.Set.of());
            FixCommand.Result r = FixCommand.run(config, linter, collect(copy), options, true);
            Map<String, java.util.Set<String>> had = rulesByFile(r.before());
            Map<String, java.util.Set<String>> has = rulesByFile(r.after());
            List<String> gained = new ArrayList<>();
            for (Map.Entry<String, java.util.Set<String>> e : has.entrySet()) {
                for (String rule : e.getValue()) {
                    if (!had.getOrDefault(e.getKey(), java.util.Set.of()).contains(rule)) {
                        gained.add(e.getKey() + ": " + rule);
                    }
                }
            }
            long changed = r.files().stream().filter(f -> f.fix().changed()).count();
            long fixed = r.files().stream().mapToLong(f -> f.fix().fixedCount()).sum();
            long findingsBefore = r.before().files().stream().flatMap(f -> f.findings().stream())
                    .filter(f -> !f.suppressed()).count();
            long findingsAfter = r.after().files().stream().flatMap(f -> f.findings().stream())
                    .filter(f -> !f.suppressed()).count();
            System.out.printf("fix (%s) over the corpus: %d files, %d changed, %d findings fixed; findings %d -> %d;"
                            + " rules a file did not have: %d%n", mode, r.files().size(),
                    changed, fixed, findingsBefore, findingsAfter, gained.size());
            assertTrue(changed > 100, "the corpus should give the fixer plenty to do");
            assertEquals(List.of(), gained, mode + ": findings the input did not have");
        }
    }

    private static Map<String, java.util.Set<String>> rulesByFile(dev.migralint.rules.RunResult result) {
        Map<String, java.util.Set<String>> out = new TreeMap<>();
        for (FileResult f : result.files()) {
            java.util.Set<String> rules = new java.util.TreeSet<>();
            for (Finding g : f.findings()) {
                if (!g.suppressed()) {
                    rules.add(g.ruleId());
                }
            }
            out.put(f.path(), rules);
        }
        return out;
    }

    /** Operation kinds and tables, without the guards a fix may add; returns how many guards there were. */
    private static int operations(FileResult r, List<String> out) {
        int guards = 0;
        OperationCatalog catalog = OperationCatalog.get();
        for (AnalyzedOperation ao : r.analyzed().operations()) {
            Operation op = ao.operation().operation();
            if (op instanceof Operation.SetParameter sp && sp.parameter().equals("lock_timeout")
                    || op instanceof Operation.ValidateConstraint) {
                guards++;
                continue;
            }
            out.add(catalog.kindName(op) + " " + FileAnalyzer.tableOf(op));
        }
        return guards;
    }

    static FileCollector.Collected collect(Path root) {
        return new FileCollector(root, List.of(), List.of()).collect(List.of("."), root);
    }

    /** Copies the corpus with writable files (the shared copy is read-only). */
    static Path copyCorpus(Path to) throws IOException {
        return copyCorpus(to, null);
    }

    /** Copies the given projects of the corpus (all when null) with writable files. */
    static Path copyCorpus(Path to, List<String> projects) throws IOException {
        Path from = Corpus.dir();
        Files.createDirectories(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (projects != null && rel.getNameCount() > 0 && !rel.toString().isEmpty()
                        && !projects.contains(rel.getName(0).toString())) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, t);
                    try {
                        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                    } catch (UnsupportedOperationException e) {
                        t.toFile().setWritable(true);
                    }
                }
            }
        }
        return to;
    }

    static Map<Path, byte[]> snapshot(Path root) {
        Map<Path, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
