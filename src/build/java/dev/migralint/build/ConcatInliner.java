package dev.migralint.build;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the string concatenations of the libraries in the shaded jar from {@code invokedynamic} into plain
 * {@link StringBuilder} code, as {@code javac -XDstringConcat=inline} compiles migralint's own.
 *
 * <p>Why: the first indy concatenation of a JVM bootstraps {@code StringConcatFactory}, and every new shape spins
 * method-handle classes, which the class-data archive cannot keep. JGit's start-up runs a few such sites (a pattern
 * in {@code FS}, config parsing, the file-store attributes), which made up about a quarter of what opening a
 * repository costs a pre-commit hook, and kept the JIT compiler busy with the class spinner.
 *
 * <p>How: each call site becomes an {@code invokestatic} of a private synthetic helper with the call site's own
 * descriptor, so the calling method's stack, locals and frames are untouched; the helper appends the recipe's
 * constants and arguments to a {@code StringBuilder}, choosing the {@code append} overload by the argument's type
 * (every reference but {@code String} as {@code Object}, as the concatenation itself stringifies it). Call sites
 * whose recipe constants are not strings (javac never emits them) are left alone.
 *
 * <p>Run by the pom after the shade plugin: {@code ConcatInliner JAR [PREFIX...]} rewrites the classes under the
 * given package prefixes (all classes when none are given) and replaces the jar atomically.
 */
public final class ConcatInliner {
    private static final String FACTORY = "java/lang/invoke/StringConcatFactory";
    private static final char ARG = '\u0001';
    private static final char CONSTANT = '\u0002';
    private static final String BUILDER = "java/lang/StringBuilder";
    static final String HELPER_PREFIX = "migralint$concat$";

    private ConcatInliner() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ConcatInliner JAR [PACKAGE-PREFIX...]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        List<String> prefixes = List.of(args).subList(1, args.length);
        Result r = rewriteJar(jar, prefixes);
        System.out.println("ConcatInliner: " + r.sites() + " string concatenations inlined in " + r.classes()
                + " classes of " + jar.getFileName());
    }

    /** How much a run rewrote. */
    public record Result(int classes, int sites) {}

    /** Rewrites the jar's classes under {@code prefixes} (paths like {@code org/eclipse/jgit/}), in place. */
    public static Result rewriteJar(Path jar, List<String> prefixes) throws IOException {
        int[] counts = new int[2];
        JarRewrite.rewrite(jar, (name, bytes) -> {
            if (!name.endsWith(".class") || !covered(name, prefixes)) {
                return bytes;
            }
            Rewritten w = rewrite(bytes);
            if (w.sites() > 0) {
                counts[0]++;
                counts[1] += w.sites();
            }
            return w.bytes();
        });
        return new Result(counts[0], counts[1]);
    }

    private static boolean covered(String entry, List<String> prefixes) {
        String name = entry.startsWith("META-INF/versions/") ? entry.replaceFirst("^META-INF/versions/\\d+/", "") : entry;
        if (prefixes.isEmpty()) {
            return !name.equals("module-info.class");
        }
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A class file after rewriting, and how many call sites changed (0: the bytes are the input's). */
    public record Rewritten(byte[] bytes, int sites) {}

    /** Rewrites one class file. */
    public static Rewritten rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        SiteRewriter rewriter = new SiteRewriter(writer);
        reader.accept(rewriter, 0);
        return rewriter.sites == 0 ? new Rewritten(classFile, 0) : new Rewritten(writer.toByteArray(), rewriter.sites);
    }

    /** A concatenation's shape: its descriptor, recipe and constants; call sites of one shape share a helper. */
    private record Shape(String descriptor, String recipe, List<String> constants) {}

    private static final class SiteRewriter extends ClassVisitor {
        private final Map<Shape, String> helpers = new LinkedHashMap<>();
        private String owner;
        private boolean isInterface;
        int sites;

        SiteRewriter(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
            isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
                    Shape shape = shape(descriptor, bootstrap, args);
                    if (shape == null) {
                        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
                        return;
                    }
                    String helper = helpers.computeIfAbsent(shape, s -> HELPER_PREFIX + helpers.size());
                    sites++;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, helper, descriptor, isInterface);
                }
            };
        }

        @Override
        public void visitEnd() {
            helpers.forEach((shape, name) -> writeHelper(
                    super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, name,
                            shape.descriptor(), null, null), shape));
            super.visitEnd();
        }
    }

    /** The shape of a string concatenation call site, or null for any other, or one this cannot rewrite. */
    private static Shape shape(String descriptor, Handle bootstrap, Object[] args) {
        if (!bootstrap.getOwner().equals(FACTORY) || !Type.getReturnType(descriptor).getDescriptor().equals("Ljava/lang/String;")) {
            return null;
        }
        int argCount = Type.getArgumentTypes(descriptor).length;
        if (bootstrap.getName().equals("makeConcat") && args.length == 0) {
            return new Shape(descriptor, String.valueOf(ARG).repeat(argCount), List.of());
        }
        if (!bootstrap.getName().equals("makeConcatWithConstants") || args.length < 1 || !(args[0] instanceof String recipe)) {
            return null;
        }
        List<String> constants = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (!(args[i] instanceof String s)) {
                return null;
            }
            constants.add(s);
        }
        int argTags = 0;
        int constantTags = 0;
        for (int i = 0; i < recipe.length(); i++) {
            char c = recipe.charAt(i);
            if (c == ARG) {
                argTags++;
            } else if (c == CONSTANT) {
                constantTags++;
            }
        }
        return argTags == argCount && constantTags == constants.size() ? new Shape(descriptor, recipe, constants) : null;
    }

    /** {@code new StringBuilder()}, then each literal run and argument appended in the recipe's order. */
    private static void writeHelper(MethodVisitor mv, Shape shape) {
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, BUILDER);
        mv.visitInsn(Opcodes.DUP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, BUILDER, "<init>", "()V", false);
        Type[] types = Type.getArgumentTypes(shape.descriptor());
        String recipe = shape.recipe();
        StringBuilder literal = new StringBuilder();
        int arg = 0;
        int slot = 0;
        int constant = 0;
        for (int i = 0; i < recipe.length(); i++) {
            char c = recipe.charAt(i);
            if (c == CONSTANT) {
                // Its own constant: joined with the literal around it, it could outgrow a constant-pool string.
                appendLiteral(mv, literal);
                literal.append(shape.constants().get(constant++));
                appendLiteral(mv, literal);
            } else if (c != ARG) {
                literal.append(c);
            } else {
                appendLiteral(mv, literal);
                Type t = types[arg++];
                mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
                slot += t.getSize();
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, BUILDER, "append", "(" + appendType(t) + ")L" + BUILDER + ";", false);
            }
        }
        appendLiteral(mv, literal);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, BUILDER, "toString", "()Ljava/lang/String;", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0); // computed by the writer
        mv.visitEnd();
    }

    private static void appendLiteral(MethodVisitor mv, StringBuilder literal) {
        if (literal.length() > 0) {
            mv.visitLdcInsn(literal.toString());
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, BUILDER, "append", "(Ljava/lang/String;)L" + BUILDER + ";", false);
            literal.setLength(0);
        }
    }

    /** The append overload the concatenation's stringification matches (char[] must not be appended as chars). */
    private static String appendType(Type t) {
        return switch (t.getSort()) {
            case Type.BOOLEAN -> "Z";
            case Type.CHAR -> "C";
            case Type.BYTE, Type.SHORT, Type.INT -> "I";
            case Type.LONG -> "J";
            case Type.FLOAT -> "F";
            case Type.DOUBLE -> "D";
            default -> t.getDescriptor().equals("Ljava/lang/String;") ? "Ljava/lang/String;" : "Ljava/lang/Object;";
        };
    }
}
