package dev.migralint.sql.op;

import dev.migralint.config.BuildInputs;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operation kinds and their facts, derived from the {@link Operation} records so that the vocabulary rules use and
 * the code that produces it cannot drift apart.
 *
 * <p>Reading the {@link Kind} and {@link Fact} annotations of every record costs a short run more than linting
 * (annotation proxies, interpreted), so the build writes what they say to {@link #RESOURCE}; a run reads that, checks
 * it still matches the class files it came from, and reflects over a record only when a fact of it is first read.
 * Without a current index the catalogue is reflected as before.
 */
public final class OperationCatalog {
    /** The catalogue the build derived from the annotations (see {@link #writeIndex}). */
    public static final String RESOURCE = "dev/migralint/sql/op/catalog.idx";
    private static final int MAGIC = 0x4D4C4F43; // "MLOC"
    private static final int FORMAT = 1;
    /** The class files the catalogue is derived from: this package's. */
    public static final BuildInputs.Listing SOURCES = new BuildInputs.Listing("dev/migralint/sql/op/", List.of(".class"));

    /** One fact of one kind: its name, what it means, its value type and how to read it. */
    public static final class FactInfo {
        private final String name;
        private final String doc;
        private final String typeName;
        private final String kindClass;
        /** Record component names from the operation to the value (a {@link ColumnDef}'s facts take two steps). */
        private final String[] components;
        private volatile Class<?> type;
        private volatile Method[] accessors;

        FactInfo(String name, String doc, String typeName, String kindClass, String[] components) {
            this.name = name;
            this.doc = doc;
            this.typeName = typeName;
            this.kindClass = kindClass;
            this.components = components;
        }

        public String name() {
            return name;
        }

        public String doc() {
            return doc;
        }

        public Class<?> type() {
            Class<?> t = type;
            if (t == null) {
                t = classNamed(typeName);
                type = t;
            }
            return t;
        }

        /**
         * Through core reflection only. Method handles (which reads used to switch to after their first sixteen) cost a
         * cold run more than they save: a handle invoked often is customised into a class of its own, and the handles'
         * type adaptations spin lambda forms, which no start-up archive keeps. Reflection's generated accessors (one
         * per accessor read often) were paid either way.
         */
        public Object read(Operation op) {
            try {
                Object value = op;
                for (Method m : accessors()) {
                    value = m.invoke(value);
                    if (value == null) {
                        return null;
                    }
                }
                return value;
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        private Method[] accessors() {
            Method[] a = accessors;
            if (a == null) {
                a = resolve();
                accessors = a;
            }
            return a;
        }

        /** The accessors along the component names; resolved on first read, as most runs read few facts. */
        private Method[] resolve() {
            Method[] out = new Method[components.length];
            Class<?> owner = classNamed(kindClass);
            for (int i = 0; i < components.length; i++) {
                RecordComponent found = null;
                for (RecordComponent rc : owner.getRecordComponents()) {
                    if (rc.getName().equals(components[i])) {
                        found = rc;
                    }
                }
                if (found == null) {
                    throw new IllegalStateException(owner.getName() + " has no component " + components[i]);
                }
                out[i] = found.getAccessor();
                out[i].setAccessible(true); // public already: this only spares each read the caller's access check
                owner = found.getType();
            }
            return out;
        }

        /** Same name, doc, type and path: what the index must preserve. */
        boolean sameAs(FactInfo o) {
            return name.equals(o.name) && doc.equals(o.doc) && typeName.equals(o.typeName)
                    && kindClass.equals(o.kindClass) && Arrays.equals(components, o.components);
        }
    }

    /** One operation kind: its name, what it means, its record class and its facts by name. */
    public static final class KindInfo {
        private final String name;
        private final String doc;
        private final String className;
        private final Map<String, FactInfo> facts;

        KindInfo(String name, String doc, String className, Map<String, FactInfo> facts) {
            this.name = name;
            this.doc = doc;
            this.className = className;
            this.facts = Collections.unmodifiableMap(facts);
        }

        public String name() {
            return name;
        }

        public String doc() {
            return doc;
        }

        @SuppressWarnings("unchecked")
        public Class<? extends Operation> type() {
            return (Class<? extends Operation>) classNamed(className);
        }

        public Map<String, FactInfo> facts() {
            return facts;
        }

        boolean sameAs(KindInfo o) {
            if (!name.equals(o.name) || !doc.equals(o.doc) || !className.equals(o.className)
                    || !facts.keySet().equals(o.facts.keySet())) {
                return false;
            }
            for (Map.Entry<String, FactInfo> e : facts.entrySet()) {
                if (!e.getValue().sameAs(o.facts.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Holder {
        static final OperationCatalog INSTANCE = load();
    }

    private final Map<String, KindInfo> byName = new LinkedHashMap<>();
    /** By record class name: looking a kind up by class would load all 60-odd records. */
    private final Map<String, KindInfo> byClassName = new HashMap<>();

    private OperationCatalog(List<KindInfo> kinds) {
        for (KindInfo k : kinds) {
            byName.put(k.name(), k);
            byClassName.put(k.className, k);
        }
    }

    private static OperationCatalog load() {
        OperationCatalog indexed = readIndex();
        return indexed != null ? indexed : reflect();
    }

    /** The catalogue from the annotations. */
    static OperationCatalog reflect() {
        List<KindInfo> kinds = new ArrayList<>();
        for (Class<?> sub : Operation.class.getPermittedSubclasses()) {
            Kind kind = sub.getAnnotation(Kind.class);
            if (kind == null) {
                throw new IllegalStateException(sub + " has no @Kind");
            }
            Map<String, FactInfo> facts = new LinkedHashMap<>();
            collect(sub.getName(), sub, new String[0], facts);
            kinds.add(new KindInfo(kind.value(), kind.doc(), sub.getName(), facts));
        }
        return new OperationCatalog(kinds);
    }

    private static void collect(String kindClass, Class<?> record, String[] prefix, Map<String, FactInfo> out) {
        for (RecordComponent rc : record.getRecordComponents()) {
            String[] path = Arrays.copyOf(prefix, prefix.length + 1);
            path[prefix.length] = rc.getName();
            if (rc.getType().isRecord()) {
                collect(kindClass, rc.getType(), path, out);
                continue;
            }
            Fact fact = rc.getAnnotation(Fact.class);
            if (fact == null) {
                throw new IllegalStateException(record.getSimpleName() + "." + rc.getName() + " has no @Fact");
            }
            String name = fact.name().isEmpty() ? kebab(rc.getName()) : fact.name();
            out.put(name, new FactInfo(name, fact.value(), rc.getType().getName(), kindClass, path));
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

    private static Class<?> classNamed(String name) {
        switch (name) {
            case "boolean":
                return boolean.class;
            case "int":
                return int.class;
            case "long":
                return long.class;
            case "double":
                return double.class;
            default:
                try {
                    return Class.forName(name, false, OperationCatalog.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("operation catalogue names a missing class " + name, e);
                }
        }
    }

    public static OperationCatalog get() {
        return Holder.INSTANCE;
    }

    public KindInfo kind(String name) {
        return byName.get(name);
    }

    public KindInfo kindOf(Operation op) {
        return byClassName.get(op.getClass().getName());
    }

    public String kindName(Operation op) {
        return kindOf(op).name();
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

    /** True when both describe the same kinds, in the same order, with the same facts. */
    public boolean sameAs(OperationCatalog o) {
        List<KindInfo> mine = kinds();
        List<KindInfo> theirs = o.kinds();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).sameAs(theirs.get(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- the build-time index ----

    /** Build time: writes the reflected catalogue, with the class files it came from. */
    public static void writeIndex(DataOutputStream out, BuildInputs inputs) throws IOException {
        OperationCatalog c = reflect();
        inputs.writeHeader(out, MAGIC, FORMAT);
        out.writeInt(c.byName.size());
        for (KindInfo k : c.byName.values()) {
            out.writeUTF(k.name);
            out.writeUTF(k.doc);
            out.writeUTF(k.className);
            out.writeInt(k.facts.size());
            for (FactInfo f : k.facts.values()) {
                out.writeUTF(f.name);
                out.writeUTF(f.doc);
                out.writeUTF(f.typeName);
                out.writeInt(f.components.length);
                for (String s : f.components) {
                    out.writeUTF(s);
                }
            }
        }
    }

    /** The catalogue from the index, or null when it is missing, of another format or stale. */
    static OperationCatalog readIndex() {
        try (DataInputStream in = BuildInputs.openIndex(OperationCatalog.class, RESOURCE, MAGIC, FORMAT)) {
            if (in == null) {
                return null;
            }
            int n = in.readInt();
            List<KindInfo> kinds = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                String doc = in.readUTF();
                String className = in.readUTF();
                int m = in.readInt();
                Map<String, FactInfo> facts = new LinkedHashMap<>();
                for (int j = 0; j < m; j++) {
                    String fact = in.readUTF();
                    String factDoc = in.readUTF();
                    String type = in.readUTF();
                    String[] components = new String[in.readInt()];
                    for (int k = 0; k < components.length; k++) {
                        components[k] = in.readUTF();
                    }
                    facts.put(fact, new FactInfo(fact, factDoc, type, className, components));
                }
                kinds.add(new KindInfo(name, doc, className, facts));
            }
            return new OperationCatalog(kinds);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** For tests: the catalogue as the index gives it (null without a current index) and as reflection does. */
    public static OperationCatalog indexed() {
        return readIndex();
    }

    public static OperationCatalog reflected() {
        return reflect();
    }
}
