package dev.migralint.fix;

import dev.migralint.cli.FixCommand;
import dev.migralint.config.Config;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table an earlier migration made PARTITION BY: PostgreSQL refuses CONCURRENTLY on its index and on dropping that
 * index, so add-concurrently declines with the partitioned way, while a partition's own index still gets it.
 */
class PartitionedIndexTest {
    @TempDir
    Path dir;

    @Test
    void concurrentlyIsNeverAddedToAPartitionedParentOrItsIndex() throws Exception {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(m.resolve("001_events.sql"), "CREATE TABLE events (id bigint, k int) PARTITION BY HASH (k);\n"
                + "CREATE TABLE events_0 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n");
        Files.writeString(m.resolve("002_parent_index.sql"), "CREATE INDEX events_k ON events (k);\n");
        Files.writeString(m.resolve("003_partition_index.sql"), "CREATE INDEX events_0_k ON events_0 (k);\n");
        Files.writeString(m.resolve("004_drop_parent_index.sql"), "DROP INDEX events_k;\n");
        Config config = Config.defaults(dir);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FixCommand.Result r = FixCommand.run(config, linter, FixCorpusTest.collect(dir),
                new FixOptions(false, config.lockTimeout(), Set.of("require-concurrent-index")), true);
        assertEquals("CREATE INDEX events_k ON events (k);\n", Files.readString(m.resolve("002_parent_index.sql")));
        assertEquals("CREATE INDEX CONCURRENTLY events_0_k ON events_0 (k);\n",
                Files.readString(m.resolve("003_partition_index.sql")));
        assertEquals("DROP INDEX events_k;\n", Files.readString(m.resolve("004_drop_parent_index.sql")));
        List<String> reasons = r.files().stream().flatMap(f -> f.fix().outcomes().stream())
                .filter(o -> o.status() == FixOutcome.Status.UNAVAILABLE).map(FixOutcome::reason).toList();
        assertTrue(reasons.stream().anyMatch(x -> x.contains("ON ONLY events") && x.contains("ATTACH PARTITION")),
                reasons.toString());
        String message = r.before().files().stream().flatMap(f -> f.findings().stream())
                .filter(x -> x.ruleId().equals("require-concurrent-index") && x.path().endsWith("002_parent_index.sql"))
                .map(dev.migralint.rules.Finding::message).findFirst().orElseThrow();
        assertTrue(message.contains("ON ONLY events") && message.contains("ATTACH PARTITION"), message);
        FixCommand.Result drops = FixCommand.run(config, linter, FixCorpusTest.collect(dir),
                new FixOptions(false, config.lockTimeout(), Set.of("require-concurrent-index-drop")), true);
        assertEquals("DROP INDEX events_k;\n", Files.readString(m.resolve("004_drop_parent_index.sql")));
        assertTrue(drops.files().stream().flatMap(f -> f.fix().outcomes().stream())
                .anyMatch(o -> o.reason() != null && o.reason().contains("cannot drop a partitioned index")),
                "the drop's finding says why it is not fixed");
    }
}
