package dev.migralint.workspace;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns command-line paths, globs and configured include/exclude patterns into the migration files to lint, in
 * migration order. Symbolic links are never followed out of the repository, and a directory whose name ends in
 * .sql is just a directory.
 */
public final class FileCollector {
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "target", "vendor", ".venv",
            "build", "dist", ".idea", ".gradle", "__pycache__");
    /** Directory names under which .sql files are taken to be migrations when discovering without paths. */
    private static final Set<String> MIGRATION_DIRS = Set.of("migrations", "migration", "migrate", "db", "schema",
            "sql", "drizzle", "changelog", "changelogs");

    private final Path root;
    private final Path realRoot;
    private final List<Glob> include;
    private final List<Glob> exclude;

    /** The files found, the paths that do not exist, and the files refused (symlinks leaving the repository). */
    public record Collected(List<Candidate> files, List<String> missing, List<LoadedSource> refused) {}

    public FileCollector(Path root, List<String> include, List<String> exclude) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
        this.include = include.stream().map(Glob::new).toList();
        this.exclude = exclude.stream().map(Glob::new).toList();
    }

    public Path root() {
        return root;
    }

    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        String s = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
        return s.replace('\\', '/');
    }

    public Collected collect(List<String> args, Path cwd) {
        Map<String, Candidate> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<LoadedSource> refused = new ArrayList<>();
        if (args.isEmpty()) {
            walk(root, true, found, refused);
        }
        for (String arg : args) {
            if (Glob.isGlob(arg) && !Files.exists(cwd.resolve(arg))) {
                Glob glob = new Glob(relativeGlob(arg, cwd));
                walkMatching(glob, found, refused);
                continue;
            }
            Path p = cwd.resolve(arg).normalize();
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(arg);
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                walk(p, false, found, refused);
            } else {
                // An explicit file is linted whatever its extension; only links out of the repository are refused.
                addFile(p, found, refused, true);
            }
        }
        List<Candidate> files = new ArrayList<>(found.values());
        files.sort((a, b) -> MigrationOrder.INSTANCE.compare(a.displayPath(), b.displayPath()));
        return new Collected(files, missing, refused);
    }

    private String relativeGlob(String arg, Path cwd) {
        Path abs = cwd.toAbsolutePath().normalize();
        if (abs.startsWith(root) && !abs.equals(root)) {
            return root.relativize(abs).toString().replace('\\', '/') + "/" + arg;
        }
        return arg;
    }

    private void walkMatching(Glob glob, Map<String, Candidate> found, List<LoadedSource> refused) {
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), 64, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (glob.matches(display(file)) && !excluded(display(file))) {
                        addFile(file, found, refused, false);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Unreadable directories are skipped; the files we could see are still linted.
        }
    }

    private void walk(Path start, boolean discover, Map<String, Candidate> found, List<LoadedSource> refused) {
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), 64, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(start) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = display(file);
                    if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql")
                            || excluded(rel) || attrs.isDirectory()) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (!include.isEmpty() ? included(rel) : !discover || looksLikeMigration(rel)) {
                        addFile(file, found, refused, false);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // As above: a directory we cannot read contributes nothing.
        }
    }

    private boolean included(String rel) {
        for (Glob g : include) {
            if (g.matches(rel)) {
                return true;
            }
        }
        return false;
    }

    private boolean excluded(String rel) {
        for (Glob g : exclude) {
            if (g.matches(rel)) {
                return true;
            }
        }
        return false;
    }

    static boolean looksLikeMigration(String rel) {
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (MIGRATION_DIRS.contains(parts[i].toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private void addFile(Path file, Map<String, Candidate> found, List<LoadedSource> refused, boolean explicit) {
        String rel = display(file);
        if (Files.isSymbolicLink(file)) {
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                refused.add(new LoadedSource(rel, null, "unreadable", "broken symbolic link", 0, false));
                return;
            }
            if (!real.startsWith(realRoot)) {
                refused.add(new LoadedSource(rel, null, "unreadable",
                        "symbolic link points outside the repository; not followed", 0, false));
                return;
            }
            if (Files.isDirectory(real)) {
                return;
            }
        }
        if (!explicit && !Files.isRegularFile(file)) {
            return;
        }
        found.putIfAbsent(rel, new Candidate(file, rel));
    }
}
