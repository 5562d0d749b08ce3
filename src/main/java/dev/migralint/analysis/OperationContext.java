package dev.migralint.analysis;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The context facts of one analysed operation: every {@link ContextFacts} name, each with a value (possibly null).
 * Analysis gives each of the tens of thousands of operations of a large run the same thirty-odd facts; a hash map per
 * operation was most of the analysis's allocation, so the values sit in one array indexed by a shared key table.
 * Only context facts can be set; a key is present once set, as in the map it replaces.
 */
final class OperationContext extends AbstractMap<String, Object> {
    private static final String[] KEYS = ContextFacts.docs().keySet().toArray(new String[0]);
    private static final Map<String, Integer> INDEX = new HashMap<>();
    private static final Object ABSENT = new Object();

    static {
        for (int i = 0; i < KEYS.length; i++) {
            INDEX.put(KEYS[i], i);
        }
    }

    private final Object[] values = new Object[KEYS.length];
    private int size;

    OperationContext() {
        Arrays.fill(values, ABSENT);
    }

    @Override
    public Object put(String key, Object value) {
        Integer i = INDEX.get(key);
        if (i == null) {
            throw new IllegalArgumentException("not a context fact: " + key);
        }
        Object old = values[i];
        if (old == ABSENT) {
            size++;
            old = null;
        }
        values[i] = value;
        return old;
    }

    @Override
    public Object get(Object key) {
        Integer i = INDEX.get(key);
        if (i == null) {
            return null;
        }
        Object v = values[i];
        return v == ABSENT ? null : v;
    }

    @Override
    public boolean containsKey(Object key) {
        Integer i = INDEX.get(key);
        return i != null && values[i] != ABSENT;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < KEYS.length && values[i] == ABSENT) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < KEYS.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= KEYS.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = new SimpleImmutableEntry<>(KEYS[next], values[next]);
                        next = advance(next + 1);
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
