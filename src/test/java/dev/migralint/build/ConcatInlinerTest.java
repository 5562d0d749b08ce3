package dev.migralint.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcatInlinerTest {
    /** Concatenations of every argument type, constants holding the recipe's tag characters, nulls and char[]. */
    private static final String SAMPLE = """
            package sample;
            public class Shapes implements Greeter {
                private final String name;
                public Shapes(String name) { this.name = name; }
                public static String primitives(boolean z, char c, byte b, short s, int i, long j, float f, double d) {
                    return "z=" + z + " c=" + c + " b=" + b + " s=" + s + " i=" + i + " j=" + j + " f=" + f + " d=" + d;
                }
                public static String wide(long a, String b, double c, Object d) { return a + b + c + d; }
                public static String references(String s, Object o, char[] chars, Integer boxed, StringBuilder sb) {
                    return "[" + s + "|" + o + "|" + (chars == null ? "-" : "" + chars.length) + "|" + chars.getClass().getSimpleName()
                            + "|" + boxed + "|" + sb + "]";
                }
                public static String tags(String s) { return "\\u0001" + s + "\\u0002" + s + "\\u0001\\u0002"; }
                public static String argsOnly(String a, int b) { return a + b; }
                public static String one(Object o) { return "" + o; }
                public static String many(int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, String t) {
                    return a0 + "," + a1 + "," + a2 + "," + a3 + "," + a4 + "," + a5 + "," + a6 + "," + a7 + "," + a8 + "," + a9 + t;
                }
                public static String nullToString() { return "<" + new Object() { public String toString() { return null; } } + ">"; }
                public String instance(int n) { String out = ""; for (int i = 0; i < n; i++) { out = out + i + name; } return out; }
                public String viaDefault() { return greet("x"); }
            }
            interface Greeter {
                default String greet(String who) { return "hello " + who + "!"; }
                static String shout(String who) { return who + "!!"; }
            }
            """;

    @Test
    void rewrittenConcatenationsGiveTheSameStrings() throws Exception {
        Map<String, byte[]> original = compile(SAMPLE);
        Map<String, byte[]> rewritten = new HashMap<>();
        int sites = 0;
        for (var e : original.entrySet()) {
            ConcatInliner.Rewritten r = ConcatInliner.rewrite(e.getValue());
            rewritten.put(e.getKey(), r.bytes());
            sites += r.sites();
            assertEquals(0, ConcatInliner.rewrite(r.bytes()).sites(), "nothing left to rewrite in " + e.getKey());
        }
        assertTrue(sites >= 12, "the sample's call sites were rewritten: " + sites);
        assertTrue(new String(original.get("sample.Shapes"), StandardCharsets.ISO_8859_1).contains("StringConcatFactory"));

        Class<?> before = new BytesLoader(original).loadClass("sample.Shapes");
        Class<?> after = new BytesLoader(rewritten).loadClass("sample.Shapes");
        List<Object[]> calls = new ArrayList<>();
        calls.add(new Object[] {"primitives", true, 'q', (byte) -7, (short) 300, Integer.MIN_VALUE, Long.MAX_VALUE, 1.5f, -0.0});
        calls.add(new Object[] {"primitives", false, '\u00e9', (byte) 0, (short) -1, 0, 0L, Float.NaN, Double.POSITIVE_INFINITY});
        calls.add(new Object[] {"wide", 1L << 40, "mid", 2.25, List.of(1, 2)});
        calls.add(new Object[] {"wide", -1L, null, 0.1, null});
        calls.add(new Object[] {"references", "s", 42, new char[] {'a', 'b'}, 7, new StringBuilder("sb")});
        calls.add(new Object[] {"one", new char[] {'n', 'o'}}); // an Object: "[C@...", never the chars
        calls.add(new Object[] {"references", null, null, new char[0], null, null});
        calls.add(new Object[] {"tags", "\u0001x\u0002"});
        calls.add(new Object[] {"argsOnly", "n", 5});
        calls.add(new Object[] {"one", (Object) null});
        calls.add(new Object[] {"many", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, "end"});
        calls.add(new Object[] {"nullToString"});
        for (Object[] call : calls) {
            assertEquals(invokeStatic(before, call), invokeStatic(after, call), "same result for " + call[0]);
        }
        Object a = before.getConstructor(String.class).newInstance("ä");
        Object b = after.getConstructor(String.class).newInstance("ä");
        assertEquals(before.getMethod("instance", int.class).invoke(a, 4), after.getMethod("instance", int.class).invoke(b, 4));
        assertEquals("hello x!", after.getMethod("viaDefault").invoke(b));
        Method shout = after.getClassLoader().loadClass("sample.Greeter").getDeclaredMethod("shout", String.class);
        shout.setAccessible(true);
        assertEquals("hey!!", shout.invoke(null, "hey"));
    }

    /**
     * Every class of the libraries whose concatenations the jar's build rewrites (JGit, JSqlParser), rewritten, passes
     * ASM's bytecode verifier with the libraries' own class hierarchy.
     */
    @Test
    void rewrittenJGitClassesVerify() throws Exception {
        verifyRewritten(org.eclipse.jgit.lib.Repository.class, 100, 300);
    }

    @Test
    void rewrittenJSqlParserClassesVerify() throws Exception {
        verifyRewritten(net.sf.jsqlparser.parser.CCJSqlParserUtil.class, 50, 100);
    }

    private void verifyRewritten(Class<?> fromJar, int minClasses, int minSites) throws Exception {
        Path jar = Path.of(fromJar.getProtectionDomain().getCodeSource().getLocation().toURI());
        int classes = 0;
        int sites = 0;
        StringWriter problems = new StringWriter();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().endsWith(".class") || e.getName().endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                ConcatInliner.Rewritten r = ConcatInliner.rewrite(bytes);
                if (r.sites() == 0) {
                    assertArrayEquals(bytes, r.bytes());
                    continue;
                }
                classes++;
                sites += r.sites();
                StringWriter out = new StringWriter();
                CheckClassAdapter.verify(new ClassReader(r.bytes()), getClass().getClassLoader(), false, new PrintWriter(out));
                if (!out.toString().isBlank()) {
                    problems.append(e.getName()).append(":\n").append(out.toString()).append('\n');
                }
            }
        }
        assertTrue(classes > minClasses && sites > minSites, jar.getFileName() + ": " + classes + " classes, " + sites + " sites");
        assertEquals("", problems.toString());
    }

    @Test
    void rewritingAJarKeepsItsOtherEntriesAndOrder(@TempDir Path dir) throws Exception {
        Map<String, byte[]> classes = compile(SAMPLE);
        Path jar = dir.resolve("sample.jar");
        List<String> names = List.of("META-INF/MANIFEST.MF", "sample/Shapes.class", "notes.txt", "sample/Greeter.class");
        Map<String, byte[]> content = new HashMap<>();
        content.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        content.put("notes.txt", "not a class".getBytes(StandardCharsets.UTF_8));
        content.put("sample/Shapes.class", classes.get("sample.Shapes"));
        content.put("sample/Greeter.class", classes.get("sample.Greeter"));
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String n : names) {
                out.putNextEntry(new ZipEntry(n));
                out.write(content.get(n));
                out.closeEntry();
            }
        }
        ConcatInliner.Result result = ConcatInliner.rewriteJar(jar, List.of());
        assertEquals(2, result.classes());
        List<String> after = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                after.add(e.getName());
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (e.getName().endsWith(".class")) {
                    assertEquals(0, ConcatInliner.rewrite(bytes).sites());
                } else {
                    assertArrayEquals(content.get(e.getName()), bytes);
                }
            }
        }
        assertEquals(names, after);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(jar), files.toList(), "no temporary file left behind");
        }
        assertEquals(new ConcatInliner.Result(0, 0), ConcatInliner.rewriteJar(jar, List.of()), "a second run has nothing to do");
    }

    private static Object invokeStatic(Class<?> c, Object[] call) throws Exception {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(call[0]) && m.getParameterCount() == call.length - 1) {
                Object[] args = new Object[call.length - 1];
                System.arraycopy(call, 1, args, 0, args.length);
                return m.invoke(null, args);
            }
        }
        throw new AssertionError("no method " + call[0]);
    }

    /** Compiles Java source in memory with javac's default (indy) string concatenation; class name → bytes. */
    static Map<String, byte[]> compile(String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        var std = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        var files = new javax.tools.ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       javax.tools.FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///sample/Shapes.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, files, null, List.of("--release", "17"), null, List.of(unit)).call();
        assertTrue(ok, diagnostics.toString());
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return classes;
    }

    private static final class BytesLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        BytesLoader(Map<String, byte[]> classes) {
            super(ConcatInlinerTest.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
