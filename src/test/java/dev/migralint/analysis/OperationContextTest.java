package dev.migralint.analysis;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact context map behaves as the hash map it replaced, null values included. */
class OperationContextTest {

    @Test
    void behavesAsAHashMapOfTheSameEntries() {
        Map<String, Object> compact = new OperationContext();
        Map<String, Object> reference = new HashMap<>();
        for (Map<String, Object> m : java.util.List.of(compact, reference)) {
            m.put(ContextFacts.IN_TRANSACTION, true);
            m.put(ContextFacts.OLD_TYPE, null);
            m.put(ContextFacts.STATEMENTS_IN_FILE, 3);
            m.put(ContextFacts.LOCK, "SHARE");
            m.put(ContextFacts.LOCK, "ACCESS EXCLUSIVE");
        }
        assertEquals(reference, compact);
        assertEquals(compact, reference);
        assertEquals(reference.hashCode(), compact.hashCode());
        assertEquals(4, compact.size());
        assertTrue(compact.containsKey(ContextFacts.OLD_TYPE), "a fact set to null is present");
        assertNull(compact.get(ContextFacts.OLD_TYPE));
        assertFalse(compact.containsKey(ContextFacts.BLOCKS), "a fact never set is absent");
        assertNull(compact.get("no-such-fact"));
        assertEquals("ACCESS EXCLUSIVE", compact.get(ContextFacts.LOCK));

        Map<String, Object> copy = new HashMap<>();
        copy.putAll(compact);
        assertEquals(reference, copy);
    }

    @Test
    void holdsEveryContextFactAndNothingElse() {
        Map<String, Object> m = new OperationContext();
        ContextFacts.docs().keySet().forEach(k -> m.put(k, k));
        assertEquals(ContextFacts.docs().size(), m.size());
        ContextFacts.docs().keySet().forEach(k -> assertEquals(k, m.get(k)));
        assertThrows(IllegalArgumentException.class, () -> m.put("table", "t"));
    }
}
