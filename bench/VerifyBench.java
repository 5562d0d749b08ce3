import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.config.TransactionMode;
import dev.migralint.sql.Dialect;
import dev.migralint.verify.HistoryOutcome;
import dev.migralint.verify.PostgresBinaries;
import dev.migralint.verify.Targets;
import dev.migralint.verify.ThrowawayServer;
import dev.migralint.verify.Verifier;
import dev.migralint.verify.VerifyPlan;
import dev.migralint.verify.VerifyResult;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.ProjectLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * migralint verify over a generated 150-migration golang-migrate history (each with a down migration), the last
 * migration as the change: server start, history replay, the change, the rollback check; beside applying the same
 * history (the base, without the change) with psql (one session, BEGIN / \i file / COMMIT per file) on the same
 * server in the same run.
 *
 * <pre>java -cp target/migralint.jar bench/VerifyBench.java [MIGRATIONS=150] [RUNS=1]</pre>
 */
public class VerifyBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dir = Files.createTempDirectory("verify-bench-");
        List<Path> ups = generate(dir.resolve("db"), n);
        String change = "db/" + ups.get(ups.size() - 1).getFileName();
        PostgresBinaries.Found bin = PostgresBinaries.find(15, false, PostgresBinaries.cacheDirectory(System.getenv()));
        System.out.println("history: " + n + " migrations (+ downs) in " + dir + "; server: " + bin);
        System.out.println("run | server start ms | parse+analyse ms | replay ms | change ms | rollback ms | psql same history ms | replay/psql");
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            try (ThrowawayServer server = ThrowawayServer.start(bin)) {
                long start = (System.nanoTime() - t0) / 1_000_000;
                var candidates = new FileCollector(dir, List.of(), List.of()).collect(List.of("."), dir).files();
                AnalysisSettings settings = new AnalysisSettings(Dialect.POSTGRESQL, bin.major(), TransactionMode.AUTO,
                        Framework.PLAIN);
                long p0 = System.nanoTime();
                VerifyPlan plan = VerifyPlan.build(candidates, Set.of(change),
                        new ProjectLayout(Framework.GOLANG_MIGRATE, Dialect.POSTGRESQL), settings, 10_000_000);
                long planMs = (System.nanoTime() - p0) / 1_000_000;
                VerifyResult r = new Verifier(Targets.server(server), new Verifier.Options(60, 0)).run(plan, start);
                HistoryOutcome h = r.histories().get(0);
                if (h.baseFailure() != null || !h.findings().isEmpty()) {
                    System.out.println("unexpected: " + h.baseFailure() + " " + h.findings());
                }
                long psql = psql(server, bin, ups.subList(0, ups.size() - 1));
                long replay = h.timings().get("replay");
                System.out.printf("%d | %d | %d | %d | %d | %d | %d | %.2f%n", run, start, planMs, replay, h.timings().get("change"),
                        h.timings().get("rollback"), psql, replay / (double) psql);
            }
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Applies the same history (every up migration, the change included) with one psql session; milliseconds. */
    private static long psql(ThrowawayServer server, PostgresBinaries.Found bin, List<Path> ups) throws Exception {
        try (Connection c = server.endpoint("postgres").connect(10); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bench_psql TEMPLATE template0");
        }
        Path script = Files.createTempFile("verify-bench-", ".sql");
        StringBuilder b = new StringBuilder();
        for (Path p : ups) {
            b.append("BEGIN;\n\\i ").append(p).append("\nCOMMIT;\n");
        }
        Files.writeString(script, b.toString());
        Path psql = bin.tool("psql");
        List<String> cmd = new ArrayList<>(List.of(Files.isExecutable(psql) ? psql.toString() : "psql", "-X", "-q",
                "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-U",
                ThrowawayServer.USER, "-d", "bench_psql", "-f", script.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Files.delete(script);
        if (exit != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return ms;
    }

    /** n golang-migrate migrations: tables, columns, indexes, constraints, a backfill; each with its down. */
    private static List<Path> generate(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        List<Path> ups = new ArrayList<>();
        int tables = 0;
        for (int i = 1; i <= n; i++) {
            String up;
            String down;
            String name;
            if (i % 5 == 1 || tables == 0) {
                tables++;
                String t = "t" + tables;
                name = "create_" + t;
                up = "CREATE TABLE " + t + " (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\n"
                        + "CREATE INDEX " + t + "_created_idx ON " + t + " (created_at);\n"
                        + "INSERT INTO " + t + " (name) SELECT 'n' || g FROM generate_series(1, 100) g;\n";
                down = "DROP TABLE " + t + ";\n";
            } else {
                String t = "t" + tables;
                String col = "c" + i;
                name = "alter_" + t + "_" + col;
                up = "ALTER TABLE " + t + " ADD COLUMN " + col + " integer;\n"
                        + "UPDATE " + t + " SET " + col + " = id;\n"
                        + "ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_" + col + "_pos CHECK (" + col + " >= 0) NOT VALID;\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + t + "_" + col + "_pos;\n"
                        + "CREATE INDEX " + t + "_" + col + "_idx ON " + t + " (" + col + ");\n";
                down = "DROP INDEX " + t + "_" + col + "_idx;\nALTER TABLE " + t + " DROP COLUMN " + col + ";\n";
            }
            String stem = String.format("%06d_%s", i, name);
            Path upFile = dir.resolve(stem + ".up.sql");
            Files.writeString(upFile, up);
            Files.writeString(dir.resolve(stem + ".down.sql"), down);
            ups.add(upFile);
        }
        return ups;
    }
}
