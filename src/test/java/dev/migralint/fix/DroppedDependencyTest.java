package dev.migralint.fix;

import dev.migralint.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.migralint.fix.FixTesting.fix;
import static dev.migralint.fix.FixTesting.only;
import static dev.migralint.fix.FixTesting.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * comment-out keeps a column or table, and with it what it depends on: a later DROP FUNCTION, DOMAIN, SEQUENCE or
 * EXTENSION without CASCADE then fails ("cannot drop function ... because other objects depend on it"), as in a Diesel
 * history that drops a generated column and then the function its expression called.
 */
class DroppedDependencyTest {
    private static final Map<String, Object> PLAIN = Map.of();
    private static final RuleSet DROPS = FixTesting.rules(FixTesting.COMMENT_OUT_DROP_COLUMN,
            FixTesting.COMMENT_OUT_DROP_TABLE);

    @Test
    void laterDropFunctionKeepsTheDropColumn() {
        String sql = "ALTER TABLE versions DROP COLUMN semver_key;\nDROP FUNCTION to_semver_key(text);\n";
        FileFix f = fix(DROPS, sql, PLAIN, true, "t-comment-drop-column");
        assertEquals(sql, f.fixed());
        assertTrue(only(f, "t-comment-drop-column").reason().contains("drops function to_semver_key"), reasons(f));
    }

    @Test
    void laterDropSequenceOrExtensionKeepsTheDropTable() {
        for (String later : new String[] {"DROP SEQUENCE items_id_seq;", "DROP EXTENSION citext;", "DROP DOMAIN email;"}) {
            String sql = "DROP TABLE items;\n" + later + "\n";
            FileFix f = fix(DROPS, sql, PLAIN, true, "t-comment-drop-table");
            assertEquals(sql, f.fixed(), later);
            assertTrue(only(f, "t-comment-drop-table").reason().contains("depends on it"), reasons(f));
        }
    }

    @Test
    void laterDropWithCascadeLeavesTheRewriteOnOffer() {
        FileFix f = fix(DROPS, "ALTER TABLE versions DROP COLUMN semver_key;\nDROP FUNCTION to_semver_key(text) CASCADE;\n",
                PLAIN, true, "t-comment-drop-column");
        assertTrue(only(f, "t-comment-drop-column").isFixed(), reasons(f));
    }
}
