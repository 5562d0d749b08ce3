package dev.migralint.build;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites two of JGit's classes in the shaded jar so that opening a repository skips work a linter never uses; the
 * replacements are in {@code dev.migralint.workspace.JGitSubstitutes}:
 * <ul>
 *   <li>{@code Constants.newMessageDigest()} returns migralint's own SHA-1 instead of asking the JDK's security
 *       providers for one. {@code Constants} asks for a digest while it initialises, which every use of JGit does
 *       first, and the provider framework's own set-up is several milliseconds (bench/README.md);</li>
 *   <li>{@code FileSnapshot}'s date formatter, used for debug logging and {@code toString} only, is built on first use
 *       instead of when the class initialises (with the default time zone and the JDK's formatter classes).</li>
 * </ul>
 * Each rewrite checks that the code it replaces is the code it was written for, and fails the build otherwise: a JGit
 * upgrade that changes them must be looked at, not patched blindly. {@code JGitStartUpPatch JAR} rewrites the jar in
 * place, after the shade plugin; like {@link ConcatInliner} it is skipped with {@code -Dmaven.test.skip}, and the jar
 * then runs unchanged JGit.
 */
public final class JGitStartUpPatch {
    static final String CONSTANTS = "org/eclipse/jgit/lib/Constants";
    static final String FILE_SNAPSHOT = "org/eclipse/jgit/internal/storage/file/FileSnapshot";
    private static final String SUBSTITUTES = "dev/migralint/workspace/JGitSubstitutes";
    private static final String DIGEST = "Ljava/security/MessageDigest;";
    private static final String FORMATTER = "java/time/format/DateTimeFormatter";

    private JGitStartUpPatch() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JGitStartUpPatch JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        List<String> patched = new ArrayList<>();
        JarRewrite.rewrite(jar, (name, bytes) -> {
            byte[] out = patch(name, bytes);
            if (out != bytes) {
                patched.add(name);
            }
            return out;
        });
        if (!patched.contains(CONSTANTS + ".class") || !patched.contains(FILE_SNAPSHOT + ".class")) {
            throw new IllegalStateException("JGit's Constants or FileSnapshot not found in " + jar + ": patched " + patched);
        }
        System.out.println("JGitStartUpPatch: " + String.join(", ", patched) + " in " + jar.getFileName());
    }

    /** The entry's bytes, rewritten when it is one of the classes this patches (the same array otherwise). */
    public static byte[] patch(String entry, byte[] bytes) {
        if (entry.equals(CONSTANTS + ".class")) {
            return write(patchConstants(read(bytes)));
        }
        if (entry.equals(FILE_SNAPSHOT + ".class")) {
            return write(patchFileSnapshot(read(bytes)));
        }
        if (entry.startsWith(FILE_SNAPSHOT + "$") && entry.endsWith(".class") && readsFormatter(read(bytes))) {
            // A nest member could read the private field too; none does in the JGit this was written for.
            throw new IllegalStateException(entry + " reads FileSnapshot.dateFmt; review JGitStartUpPatch for this JGit");
        }
        return bytes;
    }

    /** {@code newMessageDigest()}: one {@code MessageDigest.getInstance(String)} call becomes {@code JGitSubstitutes.sha1()}. */
    static ClassNode patchConstants(ClassNode c) {
        MethodNode m = method(c, "newMessageDigest", "()" + DIGEST);
        List<AbstractInsnNode> lookups = new ArrayList<>();
        for (AbstractInsnNode n : m.instructions) {
            if (n instanceof MethodInsnNode call && call.owner.equals("java/security/MessageDigest")
                    && call.name.equals("getInstance")) {
                lookups.add(n);
            }
        }
        if (lookups.size() != 1 || !((MethodInsnNode) lookups.get(0)).desc.equals("(Ljava/lang/String;)" + DIGEST)) {
            throw new IllegalStateException(CONSTANTS + ".newMessageDigest() no longer makes one MessageDigest.getInstance(String)"
                    + " call; review JGitStartUpPatch for this JGit");
        }
        InsnList body = new InsnList();
        body.add(new MethodInsnNode(Opcodes.INVOKESTATIC, SUBSTITUTES, "sha1", "()" + DIGEST, false));
        body.add(new InsnNode(Opcodes.ARETURN));
        m.instructions = body;
        m.tryCatchBlocks = new ArrayList<>();
        m.localVariables = null;
        return c;
    }

    /**
     * {@code <clinit>}: the exact code that builds {@code dateFmt} (a pattern, the default locale and zone) is removed,
     * leaving the field null; every read of it becomes {@code JGitSubstitutes.fileSnapshotFormat(pattern)}.
     */
    static ClassNode patchFileSnapshot(ClassNode c) {
        MethodNode clinit = method(c, "<clinit>", "()V");
        String pattern = null;
        for (AbstractInsnNode n : clinit.instructions) {
            if (n instanceof FieldInsnNode put && put.getOpcode() == Opcodes.PUTSTATIC && put.owner.equals(c.name)
                    && put.name.equals("dateFmt")) {
                pattern = removeFormatterInit(clinit.instructions, put);
                break;
            }
        }
        if (pattern == null) {
            throw new IllegalStateException(FILE_SNAPSHOT + " no longer initialises dateFmt as JGitStartUpPatch expects;"
                    + " review it for this JGit");
        }
        if (redirectFormatterReads(c, pattern) == 0) {
            throw new IllegalStateException(FILE_SNAPSHOT + " no longer reads dateFmt; review JGitStartUpPatch for this JGit");
        }
        return c;
    }

    /**
     * Removes {@code ldc P; ofPattern; Locale.getDefault; withLocale; ZoneId.systemDefault; withZone; putstatic} ending
     * at {@code put}, and returns P; null when the instructions before {@code put} are anything else.
     */
    private static String removeFormatterInit(InsnList code, FieldInsnNode put) {
        String[][] expected = {
                {FORMATTER, "withZone"}, {"java/time/ZoneId", "systemDefault"}, {FORMATTER, "withLocale"},
                {"java/util/Locale", "getDefault"}, {FORMATTER, "ofPattern"},
        };
        List<AbstractInsnNode> seq = new ArrayList<>();
        seq.add(put);
        AbstractInsnNode n = previousInstruction(put);
        for (String[] call : expected) {
            if (!(n instanceof MethodInsnNode m) || !m.owner.equals(call[0]) || !m.name.equals(call[1])) {
                return null;
            }
            seq.add(n);
            n = previousInstruction(n);
        }
        if (!(n instanceof LdcInsnNode ldc) || !(ldc.cst instanceof String p)) {
            return null;
        }
        seq.add(n);
        seq.forEach(code::remove);
        return p;
    }

    private static boolean isFormatterRead(AbstractInsnNode insn) {
        return insn instanceof FieldInsnNode get && get.getOpcode() == Opcodes.GETSTATIC
                && get.owner.equals(FILE_SNAPSHOT) && get.name.equals("dateFmt");
    }

    static boolean readsFormatter(ClassNode c) {
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (isFormatterRead(insn)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Replaces every {@code getstatic FileSnapshot.dateFmt} in the class; returns how many. */
    private static int redirectFormatterReads(ClassNode c, String p) {
        int n = 0;
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (isFormatterRead(insn)) {
                    InsnList call = new InsnList();
                    call.add(new LdcInsnNode(p));
                    call.add(new MethodInsnNode(Opcodes.INVOKESTATIC, SUBSTITUTES, "fileSnapshotFormat",
                            "(Ljava/lang/String;)L" + FORMATTER + ";", false));
                    m.instructions.insert(insn, call);
                    m.instructions.remove(insn);
                    n++;
                }
            }
        }
        return n;
    }

    private static AbstractInsnNode previousInstruction(AbstractInsnNode n) {
        AbstractInsnNode p = n.getPrevious();
        while (p != null && p.getOpcode() < 0) { // labels, line numbers, frames
            p = p.getPrevious();
        }
        return p;
    }

    private static MethodNode method(ClassNode c, String name, String desc) {
        for (MethodNode m : c.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m;
            }
        }
        throw new IllegalStateException(c.name + " has no method " + name + desc + "; review JGitStartUpPatch for this JGit");
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode c = new ClassNode();
        new ClassReader(bytes).accept(c, 0);
        return c;
    }

    private static byte[] write(ClassNode c) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        c.accept(w);
        return w.toByteArray();
    }
}
