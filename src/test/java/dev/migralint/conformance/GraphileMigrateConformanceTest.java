package dev.migralint.conformance;

import dev.migralint.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.migralint.conformance.MigrationSet.ADD_COLUMN;
import static dev.migralint.conformance.MigrationSet.CREATE_INDEX_CONCURRENTLY;
import static dev.migralint.conformance.MigrationSet.CREATE_TABLE;
import static dev.migralint.conformance.RunnerConformance.IN_TRANSACTION_BLOCK;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * graphile-migrate (npm {@code graphile-migrate}): committed migrations {@code migrations/committed/<n>.sql}, each
 * with {@code --! Previous:} and {@code --! Hash:} headers (the hash chains the files; computed here as
 * {@code graphile-migrate commit} does), applied by {@code graphile-migrate migrate}. A migration runs in a
 * transaction unless its body starts with {@code --! no-transaction}. It has no down migrations.
 */
@Tag("conformance")
class GraphileMigrateConformanceTest {
    private static final RunnerConformance RUN = new RunnerConformance("graphile-migrate");
    private static final String FIRST = "migrations/committed/000001.sql";
    private static final String SECOND = "migrations/committed/000002.sql";
    private static PostgresCluster pg;
    private static Path tool;

    @BeforeAll
    static void setUp() throws Exception {
        pg = RUN.cluster();
        tool = NodeTools.find("graphile-migrate");
        RUN.assumeInstalled(tool != null, "no graphile-migrate in node_modules/.bin or on PATH (npm ci in the repository root installs it)");
        RUN.ran(NodeTools.version(tool, "graphile-migrate"));
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
        transactionCase("cic-beside", tmp, "cic_beside", ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY);
    }

    @Test
    void noTransactionTurnsTheTransactionOff(@TempDir Path tmp) throws Exception {
        transactionCase("--! no-transaction, cic-alone", tmp, "cic_no_tx", "--! no-transaction\n" + CREATE_INDEX_CONCURRENTLY);
    }

    /** graphile-migrate sends a migration as one query string: several statements are one implicit transaction. */
    @Test
    void noTransactionBesideAnotherStatement(@TempDir Path tmp) throws Exception {
        transactionCase("--! no-transaction, cic-beside", tmp, "cic_no_tx_beside",
                "--! no-transaction\n" + ADD_COLUMN + "\n" + CREATE_INDEX_CONCURRENTLY);
    }

    private static void transactionCase(String name, Path tmp, String db, String secondBody) throws Exception {
        MigrationSet s = new MigrationSet(pg, tmp, "graphile_" + db)
                .write(".gmrc", "{\n  \"placeholders\": {}\n}\n")
                .write("migrations/current.sql", "-- Enter migration here\n");
        String firstHash = commit(s, FIRST, null, CREATE_TABLE);
        commit(s, SECOND, firstHash, secondBody);
        Prediction p = s.predict();
        RunnerOutcome o = s.run(List.of(tool.toString(), "migrate"), Map.of("DATABASE_URL", s.url()));
        if (o.ok()) {
            assertTrue(s.hasIndex("conf_items_c"), "graphile-migrate succeeded, so the index is built");
        }
        RUN.transaction(name, p, SECOND, s.lineOf(SECOND, "CONCURRENTLY"), o, IN_TRANSACTION_BLOCK);
    }

    /** Writes a committed migration as {@code graphile-migrate commit} would; returns its hash. */
    private static String commit(MigrationSet s, String path, String previous, String body) throws Exception {
        String text = body.strip() + "\n";
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        String chained = ((previous == null ? "" : previous) + "\n" + text.strip()).strip() + "\n";
        String hash = "sha1:" + HexFormat.of().formatHex(sha1.digest(chained.getBytes(StandardCharsets.UTF_8)));
        s.write(path, "--! Previous: " + (previous == null ? "-" : previous) + "\n--! Hash: " + hash + "\n\n" + text);
        return hash;
    }
}
