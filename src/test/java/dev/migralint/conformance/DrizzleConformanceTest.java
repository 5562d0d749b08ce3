package dev.migralint.conformance;

import dev.migralint.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.migralint.conformance.MigrationSet.ADD_COLUMN;
import static dev.migralint.conformance.MigrationSet.CREATE_INDEX_CONCURRENTLY;
import static dev.migralint.conformance.MigrationSet.CREATE_TABLE;
import static dev.migralint.conformance.RunnerConformance.IN_TRANSACTION_BLOCK;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * drizzle-kit (npm {@code drizzle-kit}, with {@code drizzle-orm} and the {@code pg} driver): {@code drizzle/<n>_<tag>.sql}
 * listed in {@code drizzle/meta/_journal.json}, statements separated by {@code --> statement-breakpoint};
 * {@code drizzle-kit migrate} applies them. It has no per-file transaction switch and no down migrations. It exits 1
 * without printing why a migration failed, so the reason is read from the server's log.
 */
@Tag("conformance")
class DrizzleConformanceTest {
    private static final RunnerConformance RUN = new RunnerConformance("drizzle-kit");
    private static final String FIRST = "drizzle/0000_items.sql";
    private static final String SECOND = "drizzle/0001_change.sql";
    private static final String BREAK = "\n--> statement-breakpoint\n";
    private static PostgresCluster pg;
    private static Path tool;

    @BeforeAll
    static void setUp() throws Exception {
        pg = RUN.cluster();
        tool = NodeTools.find("drizzle-kit");
        RUN.assumeInstalled(tool != null, "no drizzle-kit in node_modules/.bin or on PATH (npm ci in the repository root installs it)");
        RUN.ran(NodeTools.version(tool, "drizzle-kit"));
    }

    @AfterAll
    static void report() {
        RUN.print();
    }

    @Test
    void concurrentIndexAlone(@TempDir Path tmp) throws Exception {
        transactionCase("cic-alone", tmp, "cic_alone", CREATE_INDEX_CONCURRENTLY);
    }

    @Test
    void concurrentIndexBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        transactionCase("cic-beside", tmp, "cic_beside", ADD_COLUMN + BREAK + CREATE_INDEX_CONCURRENTLY);
    }

    private static void transactionCase(String name, Path tmp, String db, String second) throws Exception {
        MigrationSet s = new MigrationSet(pg, tmp, "drizzle_" + db);
        s.write("drizzle.config.json", "{\n  \"dialect\": \"postgresql\",\n  \"out\": \"./drizzle\",\n"
                        + "  \"dbCredentials\": { \"url\": \"" + s.url() + "\" }\n}\n")
                .write(FIRST, CREATE_TABLE + "\n")
                .write(SECOND, second + "\n")
                .write("drizzle/meta/_journal.json", "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n"
                        + entry(0, 1700000000000L, "0000_items") + ",\n" + entry(1, 1700000001000L, "0001_change")
                        + "\n  ]\n}\n");
        Prediction p = s.predict();
        RunnerOutcome o = s.run(List.of(tool.toString(), "migrate"), Map.of());
        if (o.ok()) {
            assertTrue(s.hasIndex("conf_items_c"), "drizzle-kit succeeded, so the index is built");
        }
        RUN.transaction(name, p, SECOND, s.lineOf(SECOND, "CONCURRENTLY"), o, IN_TRANSACTION_BLOCK);
    }

    private static String entry(int idx, long when, String tag) {
        return "    { \"idx\": " + idx + ", \"version\": \"7\", \"when\": " + when + ", \"tag\": \"" + tag
                + "\", \"breakpoints\": true }";
    }
}
