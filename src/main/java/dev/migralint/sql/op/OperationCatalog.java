package dev.migralint.sql.op;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operation kinds and their facts, derived once from the {@link Operation} records so that the vocabulary rules
 * use and the code that produces it cannot drift apart.
 */
public final class OperationCatalog {

    /** One fact of one kind: its name, what it means, its value type and how to read it. */
    public record FactInfo(String name, String doc, Class<?> type, MethodHandle[] path) {
        public Object read(Operation op) {
            try {
                Object value = op;
                for (MethodHandle h : path) {
                    value = h.invoke(value);
                    if (value == null) {
                        return null;
                    }
                }
                return value;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    public record KindInfo(String name, String doc, Class<? extends Operation> type, Map<String, FactInfo> facts) {}

    private static final OperationCatalog INSTANCE = new OperationCatalog();

    private final Map<String, KindInfo> byName = new LinkedHashMap<>();
    private final Map<Class<?>, KindInfo> byType = new LinkedHashMap<>();

    private OperationCatalog() {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (Class<?> sub : Operation.class.getPermittedSubclasses()) {
            Kind kind = sub.getAnnotation(Kind.class);
            if (kind == null) {
                throw new IllegalStateException(sub + " has no @Kind");
            }
            Map<String, FactInfo> facts = new LinkedHashMap<>();
            collect(lookup, sub, new MethodHandle[0], facts);
            @SuppressWarnings("unchecked")
            Class<? extends Operation> type = (Class<? extends Operation>) sub;
            KindInfo info = new KindInfo(kind.value(), kind.doc(), type, Collections.unmodifiableMap(facts));
            byName.put(kind.value(), info);
            byType.put(sub, info);
        }
    }

    private static void collect(MethodHandles.Lookup lookup, Class<?> record, MethodHandle[] prefix, Map<String, FactInfo> out) {
        for (RecordComponent rc : record.getRecordComponents()) {
            MethodHandle accessor;
            try {
                accessor = lookup.unreflect(rc.getAccessor());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            MethodHandle[] path = java.util.Arrays.copyOf(prefix, prefix.length + 1);
            path[prefix.length] = accessor;
            if (rc.getType().isRecord()) {
                collect(lookup, rc.getType(), path, out);
                continue;
            }
            Fact fact = rc.getAnnotation(Fact.class);
            if (fact == null) {
                throw new IllegalStateException(record.getSimpleName() + "." + rc.getName() + " has no @Fact");
            }
            String name = fact.name().isEmpty() ? kebab(rc.getName()) : fact.name();
            out.put(name, new FactInfo(name, fact.value(), rc.getType(), path));
        }
    }

    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    public static OperationCatalog get() {
        return INSTANCE;
    }

    public KindInfo kind(String name) {
        return byName.get(name);
    }

    public KindInfo kindOf(Operation op) {
        return byType.get(op.getClass());
    }

    public String kindName(Operation op) {
        return byType.get(op.getClass()).name();
    }

    public List<KindInfo> kinds() {
        return new ArrayList<>(byName.values());
    }

    /** Facts of an operation as a name → value map, for reports and tests. */
    public Map<String, Object> facts(Operation op) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FactInfo f : kindOf(op).facts().values()) {
            values.put(f.name(), f.read(op));
        }
        return values;
    }
}
