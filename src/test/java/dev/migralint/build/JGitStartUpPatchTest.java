package dev.migralint.build;

import dev.migralint.workspace.Sha1Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewrite of JGit's start-up, on the JGit classes migralint ships. */
class JGitStartUpPatchTest {
    private static final String CONSTANTS = JGitStartUpPatch.CONSTANTS + ".class";
    private static final String SNAPSHOT = JGitStartUpPatch.FILE_SNAPSHOT + ".class";

    @TempDir
    Path tmp;

    private static byte[] jgitClass(String entry) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(entry)) {
            assertTrue(in != null, entry + " on the class path");
            return in.readAllBytes();
        }
    }

    private static ClassNode node(byte[] bytes) {
        ClassNode c = new ClassNode();
        new ClassReader(bytes).accept(c, 0);
        return c;
    }

    private static boolean calls(ClassNode c, String method, String owner, String name) {
        for (MethodNode m : c.methods) {
            if (m.name.equals(method)) {
                for (AbstractInsnNode n : m.instructions) {
                    if (n instanceof MethodInsnNode call && call.owner.equals(owner) && call.name.equals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void verify(byte[] bytes) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), JGitStartUpPatchTest.class.getClassLoader(), false,
                new PrintWriter(problems));
        assertEquals("", problems.toString());
    }

    @Test
    void theShippedClassesAreRewrittenAndStillVerify() throws Exception {
        byte[] constants = JGitStartUpPatch.patch(CONSTANTS, jgitClass(CONSTANTS));
        byte[] snapshot = JGitStartUpPatch.patch(SNAPSHOT, jgitClass(SNAPSHOT));
        verify(constants);
        verify(snapshot);
        ClassNode c = node(constants);
        assertFalse(calls(c, "newMessageDigest", "java/security/MessageDigest", "getInstance"));
        assertTrue(calls(c, "newMessageDigest", "dev/migralint/workspace/JGitSubstitutes", "sha1"));
        ClassNode s = node(snapshot);
        assertFalse(calls(s, "<clinit>", "java/time/format/DateTimeFormatter", "ofPattern"));
        assertFalse(calls(s, "<clinit>", "java/time/ZoneId", "systemDefault"));
        assertFalse(JGitStartUpPatch.readsFormatter(s));
        assertTrue(calls(s, "toString", "dev/migralint/workspace/JGitSubstitutes", "fileSnapshotFormat"));
        // Anything else passes through untouched.
        byte[] other = jgitClass("org/eclipse/jgit/lib/ObjectId.class");
        assertSame(other, JGitStartUpPatch.patch("org/eclipse/jgit/lib/ObjectId.class", other));
    }

    /** Defines JGit's classes itself, the two rewritten; everything else (the JDK, SLF4J, migralint) from its parent. */
    private static final class PatchedJGit extends URLClassLoader {
        private final Map<String, byte[]> patched;

        PatchedJGit(URL jgit, Map<String, byte[]> patched) {
            super(new URL[] {jgit}, JGitStartUpPatchTest.class.getClassLoader());
            this.patched = patched;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.eclipse.jgit.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    // Every JGit class from bytes, none with the jar's signatures: a package's classes must agree.
                    String entry = name.replace('.', '/') + ".class";
                    byte[] b = patched.get(entry);
                    if (b == null) {
                        try (InputStream in = getResourceAsStream(entry)) {
                            if (in == null) {
                                throw new ClassNotFoundException(name);
                            }
                            b = in.readAllBytes();
                        } catch (IOException e) {
                            throw new ClassNotFoundException(name, e);
                        }
                    }
                    c = defineClass(name, b, 0, b.length);
                }
                return c;
            }
        }
    }

    @Test
    void theRewrittenJGitHashesAndFormatsAsBefore() throws Exception {
        URL jgit = org.eclipse.jgit.lib.Constants.class.getProtectionDomain().getCodeSource().getLocation();
        try (PatchedJGit loader = new PatchedJGit(jgit, Map.of(
                CONSTANTS, JGitStartUpPatch.patch(CONSTANTS, jgitClass(CONSTANTS)),
                SNAPSHOT, JGitStartUpPatch.patch(SNAPSHOT, jgitClass(SNAPSHOT))))) {
            Class<?> constants = loader.loadClass("org.eclipse.jgit.lib.Constants");
            assertNotSame(org.eclipse.jgit.lib.Constants.class, constants);
            MessageDigest md = (MessageDigest) constants.getMethod("newMessageDigest").invoke(null);
            assertInstanceOf(Sha1Digest.class, md);
            assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d",
                    HexFormat.of().formatHex(md.digest("abc".getBytes(StandardCharsets.US_ASCII))));

            Path file = Files.writeString(tmp.resolve("config"), "[core]\n");
            Class<?> snapshots = loader.loadClass("org.eclipse.jgit.internal.storage.file.FileSnapshot");
            Object snapshot = snapshots.getMethod("save", java.io.File.class).invoke(null, file.toFile());
            String text = snapshot.toString();
            assertTrue(text.matches("FileSnapshot\\[modified: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}, read: .*"), text);
            // What JGit's own class prints for the same snapshot state.
            Object unpatched = org.eclipse.jgit.internal.storage.file.FileSnapshot.save(file.toFile());
            assertEquals(unpatched.toString().substring(0, 40), text.substring(0, 40));
        }
    }

    private static byte[] classWith(String name, java.util.function.Consumer<ClassWriter> body) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        body.accept(w);
        w.visitEnd();
        return w.toByteArray();
    }

    @Test
    void codeThatChangedFailsTheBuild() {
        // A newMessageDigest() that no longer asks the JDK for SHA-1.
        byte[] constants = classWith(JGitStartUpPatch.CONSTANTS, w -> {
            var m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "newMessageDigest", "()Ljava/security/MessageDigest;", null, null);
            m.visitCode();
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitInsn(Opcodes.ARETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        });
        assertThrows(IllegalStateException.class, () -> JGitStartUpPatch.patch(CONSTANTS, constants));
        // A FileSnapshot whose formatter is built some other way.
        byte[] snapshot = classWith(JGitStartUpPatch.FILE_SNAPSHOT, w -> {
            w.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "dateFmt", "Ljava/time/format/DateTimeFormatter;", null, null);
            var m = w.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            m.visitCode();
            m.visitFieldInsn(Opcodes.GETSTATIC, "java/time/format/DateTimeFormatter", "ISO_INSTANT", "Ljava/time/format/DateTimeFormatter;");
            m.visitFieldInsn(Opcodes.PUTSTATIC, JGitStartUpPatch.FILE_SNAPSHOT, "dateFmt", "Ljava/time/format/DateTimeFormatter;");
            m.visitInsn(Opcodes.RETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        });
        assertThrows(IllegalStateException.class, () -> JGitStartUpPatch.patch(SNAPSHOT, snapshot));
        // A nest member that reads the field.
        byte[] member = classWith(JGitStartUpPatch.FILE_SNAPSHOT + "$2", w -> {
            var m = w.visitMethod(Opcodes.ACC_STATIC, "f", "()Ljava/lang/Object;", null, null);
            m.visitCode();
            m.visitFieldInsn(Opcodes.GETSTATIC, JGitStartUpPatch.FILE_SNAPSHOT, "dateFmt", "Ljava/time/format/DateTimeFormatter;");
            m.visitInsn(Opcodes.ARETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        });
        assertThrows(IllegalStateException.class, () -> JGitStartUpPatch.patch(JGitStartUpPatch.FILE_SNAPSHOT + "$2.class", member));
    }

    @Test
    void aJarIsRewrittenInPlaceAndAJarWithoutJGitIsAnError() throws Exception {
        Path jar = tmp.resolve("app.jar");
        byte[] notes = "not a class".getBytes(StandardCharsets.UTF_8);
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : Map.of(CONSTANTS, jgitClass(CONSTANTS), SNAPSHOT, jgitClass(SNAPSHOT),
                    "notes.txt", notes).entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        JGitStartUpPatch.main(new String[] {jar.toString()});
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            try (InputStream in = zip.getInputStream(zip.getEntry(CONSTANTS))) {
                assertTrue(calls(node(in.readAllBytes()), "newMessageDigest", "dev/migralint/workspace/JGitSubstitutes", "sha1"));
            }
            try (InputStream in = zip.getInputStream(zip.getEntry("notes.txt"))) {
                assertEquals("not a class", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }

        Path other = tmp.resolve("other.jar");
        try (OutputStream file = Files.newOutputStream(other); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("notes.txt"));
            out.write(notes);
            out.closeEntry();
        }
        assertThrows(IllegalStateException.class, () -> JGitStartUpPatch.main(new String[] {other.toString()}));
    }

    @Test
    void onlyFieldReadsOfTheFormatterAreRedirected() throws Exception {
        ClassNode s = node(JGitStartUpPatch.patch(SNAPSHOT, jgitClass(SNAPSHOT)));
        int writes = 0;
        for (MethodNode m : s.methods) {
            for (AbstractInsnNode n : m.instructions) {
                if (n instanceof FieldInsnNode f && f.name.equals("dateFmt")) {
                    writes++;
                }
            }
        }
        assertEquals(0, writes, "the field is neither written nor read any more");
    }
}
