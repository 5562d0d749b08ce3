package dev.migralint.rules;

import dev.migralint.config.BuildInputs;
import dev.migralint.sql.op.OperationCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build-time rule index and operation catalogue: they say what the YAML and the annotations say, or are not used. */
class RuleIndexTest {

    @Test
    void theBuildsIndexGivesTheRulesTheYamlGives() throws RuleLoadException {
        List<Rule> indexed = RuleIndex.read();
        assertNotNull(indexed, RuleIndex.RESOURCE + " is missing or stale on the test class path: the build writes it"
                + " right after compile (exec-maven-plugin, IndexBuilder)");
        assertEquals(canonical(RuleSet.fromYaml().all()), canonical(indexed));
        assertEquals(canonical(indexed), canonical(RuleSet.bundled().all()));
        Map<String, RuleDocs.Text> docs = RuleIndex.readDocs();
        assertNotNull(docs, RuleIndex.DOCS_RESOURCE + " is missing or stale on the test class path");
        for (Rule r : RuleSet.fromYaml().all()) {
            assertEquals(new RuleDocs.Text(r.description(), r.examples()), docs.get(r.id()), r.id());
        }
    }

    /**
     * What a run from the jar does: the indexes read through the jar itself (not the class loader) and checked against
     * its entries. The classes directory is jarred and loaded apart; a broken jar path would fall back to the YAML
     * and only be slower, so this asserts the indexes themselves were read.
     */
    @Test
    void theIndexesAreReadFromAJar(@TempDir Path dir) throws Exception {
        Path classes = Path.of(RuleIndex.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("migralint-classes.jar");
        try (OutputStream raw = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(raw);
             var files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> index = loader.loadClass(RuleIndex.class.getName());
            assertEquals(jar.toUri(), index.getProtectionDomain().getCodeSource().getLocation().toURI());
            var read = index.getDeclaredMethod("read");
            read.setAccessible(true);
            List<?> rules = (List<?>) read.invoke(null);
            assertNotNull(rules, "the rule index read from the jar");
            assertEquals(RuleSet.fromYaml().all().size(), rules.size());
            var readDocs = index.getDeclaredMethod("readDocs");
            readDocs.setAccessible(true);
            assertNotNull(readDocs.invoke(null), "the docs index read from the jar");
            Class<?> config = loader.loadClass(BuildInputs.class.getName());
            var open = config.getMethod("open", Class.class, String.class);
            assertNull(open.invoke(null, index, "dev/migralint/rules/no-such.idx"));
            try (InputStream in = (InputStream) open.invoke(null, index, RuleIndex.DOCS_RESOURCE)) {
                assertTrue(in.readAllBytes().length > 1000);
            }
        }
    }

    @Test
    void encodingKeepsEveryPartOfARule() throws Exception {
        List<Rule> rules = new ArrayList<>(RuleSet.fromYaml().all());
        rules.add(RuleLoader.load("extra.yml", """
                id: extra-rule
                severity: notice
                summary: Odd values.
                message: "x {table}"
                match:
                  kind: [create-index, drop-index]
                  where:
                    any:
                      - table: {matches: "(?i)^a.*"}
                      - not: {table: {in: [a, 1, 2.5, true, null]}}
                    all:
                      - table: {not: {ge: 3}}
                """));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream docs = new ByteArrayOutputStream();
        RuleIndex.write(new DataOutputStream(bytes), new DataOutputStream(docs), new BuildInputs(List.of(), List.of()), rules);
        List<Rule> decoded = RuleIndex.decode(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                new DataInputStream(new ByteArrayInputStream(docs.toByteArray())));
        assertEquals(canonical(rules), canonical(decoded));
        assertTrue(bytes.size() < docs.size(), "the docs are the larger part, kept out of what a lint reads: "
                + bytes.size() + " and " + docs.size() + " bytes");
    }

    @Test
    void theCatalogueIndexSaysWhatTheAnnotationsSay() {
        OperationCatalog indexed = OperationCatalog.indexed();
        assertNotNull(indexed, OperationCatalog.RESOURCE + " is missing or stale on the test class path");
        assertTrue(indexed.sameAs(OperationCatalog.reflected()));
        assertTrue(OperationCatalog.get().sameAs(OperationCatalog.reflected()));
    }

    /** The first reads of a fact go through core reflection, later ones through a method handle: same values. */
    @Test
    void factsReadTheSameBeforeAndAfterTheSwitchToMethodHandles() {
        var op = new dev.migralint.sql.op.Operation.AddColumn("users",
                dev.migralint.sql.op.ColumnDef.named("email", "text"), true);
        Map<String, Object> first = OperationCatalog.get().facts(op);
        assertEquals("users", first.get("table"));
        assertEquals("email", first.get("column"));
        assertEquals(true, first.get("if-not-exists"));
        for (int i = 0; i < 40; i++) {
            assertEquals(first, OperationCatalog.get().facts(op));
        }
        var other = new dev.migralint.sql.op.Operation.AddColumn("orgs", dev.migralint.sql.op.ColumnDef.named("id", "int"), false);
        Map<String, Object> later = OperationCatalog.get().facts(other);
        assertEquals("orgs", later.get("table"));
        assertEquals(false, later.get("if-not-exists"));
    }

    @Test
    void aChangedAddedOrRemovedInputMakesTheIndexStale(@TempDir Path dir) throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("rules"));
        Files.writeString(classes.resolve("rules/a.yml"), "id: a\n");
        Files.writeString(classes.resolve("rules/README.md"), "not a rule\n");
        Files.writeString(classes.resolve("Single.class"), "x");
        List<BuildInputs.Listing> listed = List.of(new BuildInputs.Listing("rules/", List.of(".yml", ".yaml")));
        BuildInputs inputs = BuildInputs.scan(classes, listed, List.of("Single.class"));
        assertEquals(List.of("Single.class", "rules/a.yml"), inputs.inputs().stream().map(BuildInputs.Input::name).toList());
        assertTrue(inputs.currentAt(classes));

        Files.writeString(classes.resolve("rules/README.md"), "still not a rule\n");
        assertTrue(inputs.currentAt(classes), "files outside the listing do not matter");

        Files.writeString(classes.resolve("rules/a.yml"), "id: b\n");
        assertFalse(inputs.currentAt(classes), "same size, other content");
        Files.writeString(classes.resolve("rules/a.yml"), "id: a\n");
        assertTrue(inputs.currentAt(classes));

        Files.writeString(classes.resolve("rules/new.yaml"), "id: n\n");
        assertFalse(inputs.currentAt(classes), "a rule file added");
        Files.delete(classes.resolve("rules/new.yaml"));
        Files.delete(classes.resolve("Single.class"));
        assertFalse(inputs.currentAt(classes), "an input removed");
        Files.writeString(classes.resolve("Single.class"), "x");

        Path jar = dir.resolve("app.jar");
        writeJar(jar, Map.of("rules/a.yml", "id: a\n", "Single.class", "x"));
        assertTrue(inputs.currentAt(jar));
        writeJar(jar, Map.of("rules/a.yml", "id: c\n", "Single.class", "x"));
        assertFalse(inputs.currentAt(jar));
        writeJar(jar, Map.of("rules/a.yml", "id: a\n"));
        assertFalse(inputs.currentAt(jar));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        inputs.write(new DataOutputStream(bytes));
        assertEquals(inputs, BuildInputs.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    private static void writeJar(Path jar, Map<String, String> entries) throws IOException {
        try (OutputStream raw = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(raw)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /**
     * A rule as nested lists and values, compared by content: records by their components (with their class), sets in
     * their order, patterns by their text and flags (Pattern has no equals of its own).
     */
    static Object canonical(Object o) {
        if (o instanceof RuleDocs d) {
            return List.of("docs", String.valueOf(canonical(d.description())), canonical(d.examples()));
        }
        if (o instanceof Pattern p) {
            return "Pattern(" + p.pattern() + ", " + p.flags() + ")";
        }
        if (o instanceof Record r) {
            List<Object> parts = new ArrayList<>();
            parts.add(r.getClass().getName());
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    parts.add(rc.getName() + "=" + canonical(rc.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return parts;
        }
        if (o instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object x : c) {
                out.add(canonical(x));
            }
            return out;
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, canonical(v)));
            return out.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        }
        return o == null ? null : o.getClass().getSimpleName() + ":" + o;
    }
}
