package dev.migralint.verify;

import dev.migralint.Corpus;
import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.analysis.RunnerModel;
import dev.migralint.config.TransactionMode;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.ProjectLayout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the last 10 migrations of each Postgres project of the shared corpus, the rest as base history, and writes
 * a per-project summary to target/verify-corpus.txt. It replays thousands of migrations, so it runs only when asked:
 * {@code -Dmigralint.verify.corpus=true}.
 */
class VerifyCorpusTest {
    @Test
    void lastTenMigrationsOfEachPostgresProject() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("migralint.verify.corpus"), "set -Dmigralint.verify.corpus=true to run");
        Path corpus = Corpus.dir();
        List<PostgresBinaries.Found> local = PostgresBinaries.local();
        Assumptions.assumeFalse(local.isEmpty(), "no PostgreSQL server binaries installed; skipping");
        StringBuilder report = new StringBuilder();
        int projects = 0;
        try (ThrowawayServer server = ThrowawayServer.start(local.get(0))) {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(corpus)) {
                dirs = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path project : dirs) {
                String line = verifyProject(project, server);
                if (line != null) {
                    projects++;
                    report.append(line).append('\n');
                    System.out.println(line);
                }
            }
        }
        Files.writeString(Path.of("target", "verify-corpus.txt"), report.toString());
        assertTrue(projects > 0);
        assertTrue(report.toString().lines().filter(l -> !l.startsWith("    ")).allMatch(l -> l.contains("applied")), report.toString());
    }

    private static String verifyProject(Path project, ThrowawayServer server) throws Exception {
        if (!postgresInSources(project)) {
            return null;
        }
        String line = verifyProject(project, server, new ProjectLayout(null, null));
        if (line == null && Files.exists(project)) {
            // No runner config in the corpus: per-migration directories of up.sql (Diesel) or migration.sql
            // (Prisma's layout) fall back to "plain", one history per directory. Say which runner was assumed.
            try (Stream<Path> s = Files.walk(project)) {
                List<Path> all = s.filter(p -> p.toString().endsWith(".sql")).toList();
                boolean diesel = all.stream().anyMatch(p -> p.getFileName().toString().equals("up.sql"));
                Framework f = diesel ? Framework.DIESEL : Framework.PRISMA;
                line = verifyProject(project, server, new ProjectLayout(f, null));
                return line == null ? null : line + " (runner assumed: " + f.id() + ")";
            }
        }
        return line;
    }

    private static String clip(String s, int n) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() <= n ? t : t.substring(0, n) + "...";
    }

    /** The corpus's SOURCES.md names each project's dialects: projects without Postgres are not verified. */
    private static boolean postgresInSources(Path project) throws Exception {
        String repo = project.getFileName().toString().replace("__", "/");
        for (String l : Files.readAllLines(project.getParent().resolve("SOURCES.md"))) {
            if (l.startsWith("| " + repo + " |")) {
                String[] cols = l.split("\\|");
                return cols[cols.length - 1].contains("postgres");
            }
        }
        return true;
    }

    /** null when the largest history is one directory per migration under the "plain" runner (retry with a layout). */
    private static String verifyProject(Path project, ThrowawayServer server, ProjectLayout layout) throws Exception {
        FileCollector collector = new FileCollector(project, List.of(), List.of());
        List<Candidate> files = collector.collect(List.of("."), project).files();
        Map<String, List<Candidate>> histories = new LinkedHashMap<>();
        Map<String, Framework> runners = new LinkedHashMap<>();
        for (Candidate c : files) {
            String text = Files.readString(c.path());
            if (layout.dialect(c.path(), c.displayPath(), text) != Dialect.POSTGRESQL) {
                continue;
            }
            Framework f = layout.framework(c.path(), c.displayPath(), text);
            String key = VerifyPlan.historyKey(c.displayPath(), f);
            histories.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            runners.putIfAbsent(key, f);
        }
        if (histories.isEmpty()) {
            return null;
        }
        String key = histories.entrySet().stream().max(java.util.Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow().getKey();
        List<Candidate> history = histories.get(key);
        Framework runner = runners.get(key);
        if (runner.id().equals("plain") && history.size() <= 2 && histories.size() > 5) {
            return null;
        }
        List<String> ups = new ArrayList<>();
        for (Candidate c : history) {
            if (RunnerModel.fileDirection(runner, c.displayPath()).equals("up")) {
                ups.add(c.displayPath());
            }
        }
        Set<String> change = new LinkedHashSet<>(ups.subList(Math.max(0, ups.size() - 10), ups.size()));
        AnalysisSettings settings = new AnalysisSettings(Dialect.POSTGRESQL, server.binaries().major(),
                TransactionMode.AUTO, Framework.PLAIN);
        VerifyPlan plan = VerifyPlan.build(history, change, layout, settings, 10_000_000);
        long t0 = System.nanoTime();
        VerifyResult r = new Verifier(Targets.server(server), new Verifier.Options(20, 0)).run(plan, 0);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        HistoryOutcome h = r.histories().get(0);
        StringBuilder b = new StringBuilder();
        b.append(project.getFileName()).append(" | ").append(key).append(" | ").append(runner.id()).append(" | ")
                .append(history.size()).append(" files, base ").append(h.baseFiles()).append(" | ");
        if (h.baseFailure() != null) {
            b.append("NOT applied: ").append(ServerSession.oneLine(h.baseFailure()));
        } else {
            long traced = h.traces().stream().filter(t -> t.direction().equals("up")).count();
            long failed = h.findings().stream().filter(f -> f.ruleId().equals(VerifyFinding.FAILS)).count();
            b.append("applied; ").append(traced).append(" statements traced");
            if (failed > 0) {
                b.append("; change fails: ").append(h.findings().stream().filter(f -> f.ruleId().equals(VerifyFinding.FAILS))
                        .map(f -> clip(f.path() + ":" + f.line() + " " + f.message(), 400)).findFirst().orElse(""));
            }
            List<VerifyFinding> mismatches = h.findings().stream().filter(f -> f.ruleId().equals(VerifyFinding.MISMATCH)).toList();
            b.append("; mismatches ").append(mismatches.size());
            for (VerifyFinding m : mismatches) {
                b.append("\n    mismatch ").append(m.path()).append(':').append(m.line()).append(' ').append(m.message());
            }
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            for (RollbackOutcome o : h.rollbacks()) {
                outcomes.merge(o.outcome(), 1, Integer::sum);
            }
            b.append("; rollbacks ").append(outcomes);
            for (RollbackOutcome o : h.rollbacks()) {
                if (o.outcome().equals("differs") || o.outcome().equals("fails")) {
                    b.append("\n    rollback ").append(o.outcome()).append(' ').append(o.path()).append(": ")
                            .append(clip(o.detail(), 600));
                }
            }
        }
        b.append(" | ").append(ms).append(" ms ").append(h.timings());
        return b.toString();
    }
}
