package dev.migralint.plan;


import dev.migralint.Corpus;
import dev.migralint.PostgresCluster;
import dev.migralint.config.Config;
import dev.migralint.engine.LintRun;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.workspace.FileCollector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated rollbacks against a real server: for each of the last {@link #LAST} migrations of each Postgres history
 * of the corpus, the schema before it is dumped, the migration applied (one implicit transaction, as Prisma sends
 * it), its rollback script run (psql, autocommit) and the schema dumped again. A rollback the plan calls exact must
 * restore the schema exactly and must run; the irreversible ones are counted with their reasons. Skipped without
 * PostgreSQL or the corpus.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RollbackReplayTest {
    static final int LAST = 20;
    /** The Prisma histories that apply cleanly in order on a vanilla PostgreSQL (the fix replay uses the same). */
    static final Map<String, String> PROJECTS = Map.of(
            "documenso", "documenso__documenso/packages/prisma/migrations",
            "rallly", "lukevella__rallly/packages/database/prisma/migrations",
            "hoppscotch", "hoppscotch__hoppscotch/packages/hoppscotch-backend/prisma/migrations",
            "umami", "umami-software__umami/prisma/migrations");

    @Test
    void rollbacksRestoreTheSchemaOrSayTheyCannot(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Corpus.dir().resolve(PROJECTS.get("umami"))), "corpus not present");
        try (PostgresCluster pg = PostgresCluster.startOrSkip()) {
            Map<String, Integer> counts = new TreeMap<>();
            Map<String, Integer> irreversibleWhy = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, String> p : new TreeMap<>(PROJECTS).entrySet()) {
                Path dir = Corpus.dir().resolve(p.getValue());
                if (Files.isDirectory(dir)) {
                    replay(pg, p.getKey(), dir, tmp, counts, irreversibleWhy, failures);
                }
            }
            System.out.println("rollback replay: " + counts + "; irreversible because " + irreversibleWhy);
            failures.forEach(f -> System.out.println("  " + f));
            assertTrue(counts.getOrDefault("exact", 0) > 0, "some rollback restored a schema");
            assertEquals(0, counts.getOrDefault("rollback fails", 0), String.join("\n", failures));
            assertEquals(0, counts.getOrDefault("schema differs", 0), String.join("\n", failures));
        }
    }

    private static void replay(PostgresCluster pg, String name, Path migrations, Path tmp, Map<String, Integer> counts,
                               Map<String, Integer> why, List<String> failures) throws Exception {
        Path root = migrations.getParent();
        Config config = Config.defaults(root);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FileCollector.Collected files = new FileCollector(root, List.of(), List.of()).collect(List.of("."), root);
        RunResult result = new LintRun(config, linter).run(files.files(), files.refused(), List.of());
        Runbook book = new RunbookBuilder(15, "5s").build(result);
        List<MigrationPlan> plans = book.migrations().stream()
                .filter(m -> m.path().endsWith("migration.sql")).toList();
        List<Path> sqls = plans.stream().map(m -> root.resolve(m.path())).toList();
        int first = Math.max(0, plans.size() - LAST);
        String cur = "cur_" + name;
        pg.createDatabase(cur);
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < first; i++) {
            apply(pg, cur, read(sqls.get(i)), sqls.get(i));
        }
        for (int i = first; i < plans.size(); i++) {
            MigrationPlan plan = plans.get(i);
            String migration = read(sqls.get(i));
            String trial = "trial_" + name;
            pg.psql("postgres", List.of("-c", "DROP DATABASE IF EXISTS " + trial,
                    "-c", "CREATE DATABASE " + trial + " TEMPLATE " + cur));
            String before = dump(pg, trial);
            apply(pg, trial, migration, sqls.get(i));
            Path script = tmp.resolve(name + "-" + i + ".sql");
            Files.writeString(script, RollbackScript.of(plan, "5s"), StandardCharsets.UTF_8);
            PostgresCluster.Run rolled = pg.psql(trial, List.of("-v", "ON_ERROR_STOP=1", "-f", script.toString()));
            String after = rolled.ok() ? dump(pg, trial) : null;
            String outcome;
            if (!plan.unplanned().isEmpty() || plan.problem() != null) {
                outcome = "not planned";
            } else if (plan.irreversible()) {
                outcome = "irreversible";
                plan.steps().stream().filter(s -> s.inverse().kind() == Inverse.Kind.IRREVERSIBLE)
                        .map(Step::kind).distinct().forEach(k -> why.merge(k, 1, Integer::sum));
                if (!rolled.ok()) {
                    // Run without the restore step it asks for: worth knowing, not a failure of an exact rollback.
                    counts.merge("irreversible, script stops without the restore", 1, Integer::sum);
                }
            } else if (!rolled.ok()) {
                outcome = "rollback fails";
                failures.add(plan.path() + ": " + rolled.output().strip());
            } else if (!before.equals(after)) {
                outcome = "schema differs";
                failures.add(plan.path() + ": schema differs:\n" + diff(before, after));
            } else {
                outcome = "exact";
            }
            counts.merge(outcome, 1, Integer::sum);
            apply(pg, cur, migration, sqls.get(i));
        }
    }

    private static String read(Path p) throws Exception {
        String s = Files.readString(p, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static void apply(PostgresCluster pg, String db, String sql, Path file) throws Exception {
        if (sql.isBlank()) {
            return;
        }
        PostgresCluster.Run r = pg.psql(db, List.of("-v", "ON_ERROR_STOP=1", "-c", sql));
        assertEquals(0, r.exit(), () -> file + ": " + r.output());
    }

    private static String dump(PostgresCluster pg, String db) throws Exception {
        PostgresCluster.Run d = pg.schemaDump(db);
        assertEquals(0, d.exit(), d.output());
        return d.output().lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    private static String diff(String a, String b) {
        List<String> la = a.lines().toList();
        List<String> lb = b.lines().toList();
        StringBuilder out = new StringBuilder();
        la.stream().filter(l -> !lb.contains(l)).limit(6).forEach(l -> out.append("  - ").append(l).append('\n'));
        lb.stream().filter(l -> !la.contains(l)).limit(6).forEach(l -> out.append("  + ").append(l).append('\n'));
        return out.toString();
    }
}
