package dev.migralint.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns command-line paths, globs and configured include/exclude patterns into the migration files to lint, in
 * migration order. Symbolic links are never followed out of the repository, and a directory whose name ends in
 * .sql is just a directory.
 */
public final class FileCollector {
    /** Never searched for migrations: tooling, build output, vendored code, test fixtures and test data. */
    static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "target", "vendor", ".venv",
            "build", "dist", ".idea", ".gradle", "__pycache__", "testdata", "fixtures", "__fixtures__", "third_party",
            "generated");
    /** Dialect variants some projects keep beside the .sql file ({@code 001_init.sql.postgres}). */
    private static final Set<String> SQL_VARIANTS = Set.of("postgres", "postgresql", "pg", "mysql", "mariadb", "sqlite",
            "sqlite3", "cockroach", "cockroachdb", "clickhouse");
    /** Directory names under which .sql files are taken to be migrations when discovering without paths. */
    private static final Set<String> MIGRATION_DIRS = Set.of("migrations", "migration", "migrate", "db", "schema",
            "sql", "drizzle", "changelog", "changelogs");

    private static final Pattern FLYWAY_NAME =
            Pattern.compile("(?i)([VU]\\d+(?:[._]\\d+)*__.*|R__.*)\\.sql");

    private final Path root;
    private final Path realRoot;
    private final List<Glob> include;
    private final List<Glob> exclude;

    /**
     * The files found, the paths that do not exist, the files refused (symlinks leaving the repository), and the
     * display paths of the files found that an argument named itself, as a regular file (not a directory or glob).
     */
    public record Collected(List<Candidate> files, List<String> missing, List<LoadedSource> refused, Set<String> named) {}

    public FileCollector(Path root, List<String> include, List<String> exclude) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
        this.include = globs(include);
        this.exclude = globs(exclude);
    }

    private static List<Glob> globs(List<String> patterns) {
        List<Glob> out = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            out.add(new Glob(p));
        }
        return List.copyOf(out);
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
        Set<String> named = new HashSet<>();
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
            // One lstat per argument: a hook or CI job may pass thousands of files.
            BasicFileAttributes attrs = attributes(p);
            if (attrs == null) {
                missing.add(arg);
            } else if (attrs.isDirectory()) {
                walk(p, false, found, refused);
            } else {
                // An explicit file is linted whatever its extension; only links out of the repository are refused.
                String rel = addFile(p, attrs, found, refused, true);
                if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(p)) {
                    named.add(rel);
                }
            }
        }
        named.retainAll(found.keySet());
        List<Candidate> files = new ArrayList<>(found.values());
        files.sort((a, b) -> MigrationOrder.INSTANCE.compare(a.displayPath(), b.displayPath()));
        return new Collected(files, missing, refused, named);
    }

    private String relativeGlob(String arg, Path cwd) {
        Path abs = cwd.toAbsolutePath().normalize();
        if (abs.startsWith(root) && !abs.equals(root)) {
            return root.relativize(abs).toString().replace('\\', '/') + "/" + arg;
        }
        return arg;
    }

    private void walkMatching(Glob glob, Map<String, Candidate> found, List<LoadedSource> refused) {
        walkTree(root, (file, attrs) -> glob.matches(display(file)) && !excluded(display(file))
                && !notMigration(root, file), found, refused);
    }

    private void walk(Path start, boolean discover, Map<String, Candidate> found, List<LoadedSource> refused) {
        walkTree(start, (file, attrs) -> {
            String rel = display(file);
            if (!isSql(file.getFileName().toString())
                    || excluded(rel) || attrs.isDirectory() || notMigration(start, file)) {
                return false;
            }
            return !include.isEmpty() ? included(rel) : !discover || looksLikeMigration(rel) || hasMigrationHeader(file);
        }, found, refused);
    }

    /** Adds the files under {@code start} that {@code wanted} accepts, below the skipped directories' names. */
    private void walkTree(Path start, BiPredicate<Path, BasicFileAttributes> wanted, Map<String, Candidate> found,
                          List<LoadedSource> refused) {
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), 64, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(start) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (wanted.test(file, attrs)) {
                        addFile(file, attrs, found, refused, false);
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

    /**
     * Whether a file a walk finds is a schema snapshot or test data ({@link NotMigrations}), judged by its path below
     * where the walk started: a directory the user names is taken as given, whatever its own name.
     */
    private static boolean notMigration(Path start, Path file) {
        return NotMigrations.matches(start.relativize(file).toString().replace('\\', '/'));
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

    /**
     * Whether discovery (no paths given, no include globs) takes this .sql file for a migration, from its path alone:
     * it sits under a migrations-like directory (migrations, db/migrate, supabase/migrations, prisma/migrations,
     * drizzle, server-migrations, migrations_postgres, ...), or its name follows a runner's convention (Flyway
     * V1__/U1__/R__, golang-migrate and sqlx .up.sql/.down.sql). Liquibase formatted SQL is recognised by its first
     * line instead ({@link #isMigrationHeader}).
     */
    static boolean looksLikeMigration(String rel) {
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            String dir = parts[i].toLowerCase(Locale.ROOT);
            if (MIGRATION_DIRS.contains(dir) || dir.endsWith("-migrations") || dir.endsWith("_migrations")
                    || isPerDatabaseMigrationDir(dir)) {
                return true;
            }
        }
        String name = parts[parts.length - 1];
        String lower = name.toLowerCase(Locale.ROOT);
        return FLYWAY_NAME.matcher(name).matches() || lower.endsWith(".up.sql") || lower.endsWith(".down.sql")
                || !lower.endsWith(".sql") && isSql(lower);
    }

    /**
     * One migrations directory per database named by a suffix ({@code migrations_postgres}, {@code migrations-sqlite},
     * {@code migration_mysql}): Diesel's embed_migrations! and sqlx's migrate! take any directory, and projects that
     * support several databases keep one each.
     */
    private static boolean isPerDatabaseMigrationDir(String dir) {
        return dir.startsWith("migrations_") || dir.startsWith("migrations-") || dir.startsWith("migration_")
                || dir.startsWith("migration-");
    }

    /** Liquibase formatted SQL starts with this comment, wherever the file lives. */
    public static boolean isMigrationHeader(String head) {
        String h = head.startsWith("\uFEFF") ? head.substring(1) : head;
        return h.stripLeading().toLowerCase(Locale.ROOT).startsWith("--liquibase formatted sql");
    }

    private static boolean hasMigrationHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(128);
            return isMigrationHeader(new String(head, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a run without paths lints this file (a path relative to the root, e.g. one git reports as changed):
     * a .sql file outside skipped directories (node_modules, vendor, ...), not excluded, and matching the include
     * globs, or when there are none, discovered as a migration by its path or its first line ({@code head}, read
     * only when the path alone does not decide).
     */
    public boolean selects(String rel, Supplier<String> head) {
        if (!isSql(rel) || inSkippedDir(rel) || excluded(rel) || NotMigrations.matches(rel)) {
            return false;
        }
        if (!include.isEmpty()) {
            return included(rel);
        }
        return looksLikeMigration(rel) || (head != null && isMigrationHeader(head.get()));
    }

    /**
     * For git-selected runs with PATHS: whether a file (relative to the root) falls under the given paths and globs,
     * with the same meaning as in {@link #collect}: an explicit file always, a file under a directory when it is a
     * .sql file that is not excluded (and matches include when set), a glob match when not excluded. Paths that do
     * not exist on disk are allowed: they may name files deleted in the change.
     */
    public Predicate<String> scope(List<String> args, Path cwd) {
        List<Predicate<String>> parts = new ArrayList<>();
        for (String arg : args) {
            if (Glob.isGlob(arg) && !Files.exists(cwd.resolve(arg))) {
                Glob glob = new Glob(relativeGlob(arg, cwd));
                parts.add(rel -> glob.matches(rel) && !excluded(rel));
                continue;
            }
            Path p = cwd.resolve(arg).toAbsolutePath().normalize();
            boolean file = Files.isRegularFile(p) || (!Files.isDirectory(p) && isSql(p.getFileName() == null ? "" : p.getFileName().toString()));
            if (file) {
                parts.add(rel -> root.resolve(rel).normalize().equals(p));
            } else {
                parts.add(rel -> root.resolve(rel).normalize().startsWith(p) && isSql(rel) && !inSkippedDir(rel)
                        && !excluded(rel) && !NotMigrations.matches(rel) && (include.isEmpty() || included(rel)));
            }
        }
        return rel -> {
            for (Predicate<String> part : parts) {
                if (part.test(rel)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** A .sql file, or a dialect variant of one ({@code .sql.postgres}, {@code .sql.mysql}, ...). */
    static boolean isSql(String rel) {
        String lower = rel.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".sql")) {
            return true;
        }
        int dot = lower.lastIndexOf('.');
        return dot >= 4 && lower.startsWith(".sql", dot - 4) && SQL_VARIANTS.contains(lower.substring(dot + 1));
    }

    static boolean inSkippedDir(String rel) {
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (SKIPPED_DIRS.contains(parts[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Files found some other way (e.g. changed files in the working tree), checked like {@link #collect} checks the
     * files it walks: a symbolic link leaving the repository is refused, not followed; what is not a regular file
     * (a directory, a dangling path) is left out. Returned in migration order.
     */
    public Collected check(List<Path> files) {
        Map<String, Candidate> found = new LinkedHashMap<>();
        List<LoadedSource> refused = new ArrayList<>();
        for (Path file : files) {
            BasicFileAttributes attrs = attributes(file);
            if (attrs != null) {
                addFile(file, attrs, found, refused, false);
            }
        }
        List<Candidate> out = new ArrayList<>(found.values());
        out.sort((a, b) -> MigrationOrder.INSTANCE.compare(a.displayPath(), b.displayPath()));
        return new Collected(out, List.of(), refused, Set.of());
    }

    /** The file's own attributes (a link's, not its target's), or null when it cannot be read: it does not exist. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private final Map<Path, Path> realDirectories = new HashMap<>();

    /**
     * Why a file inside the repository is really outside it, through a directory on its path that is a symbolic link
     * (db/ext -> /elsewhere): then it is neither read nor, by fix, written. Null when it stays inside, or when it was
     * named outside the repository in the first place. Directories are resolved once each.
     */
    private String leavesThroughDirectory(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !abs.startsWith(root)) {
            return null;
        }
        Path real = realDirectory(parent);
        if (real.startsWith(realRoot)) {
            return null;
        }
        return "its directory leads outside the repository through a symbolic link (to " + real + "); not read";
    }

    /**
     * The real path of a directory inside the root ({@code dir} absolute and normalised): its parent's real path and
     * its own name when it is no link, so that a directory costs one lstat, not a {@code realpath} that reads every
     * directory above it again (a Diesel history has a directory per migration).
     */
    private Path realDirectory(Path dir) {
        Path known = realDirectories.get(dir);
        if (known != null) {
            return known;
        }
        Path real;
        BasicFileAttributes attrs;
        if (dir.equals(root)) {
            real = realRoot;
        } else if (dir.getParent() != null && (attrs = attributes(dir)) != null && !attrs.isSymbolicLink()) {
            real = realDirectory(dir.getParent()).resolve(dir.getFileName());
        } else {
            try {
                real = dir.toRealPath();
            } catch (IOException e) {
                real = dir;
            }
        }
        realDirectories.put(dir, real);
        return real;
    }

    /**
     * @param attrs the file's own attributes (not following a link)
     * @return the file's display path
     */
    private String addFile(Path file, BasicFileAttributes attrs, Map<String, Candidate> found, List<LoadedSource> refused,
                           boolean explicit) {
        String rel = display(file);
        boolean link = attrs.isSymbolicLink();
        if (link) {
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                refused.add(new LoadedSource(rel, null, "unreadable", "broken symbolic link", 0, false));
                return rel;
            }
            if (!real.startsWith(realRoot)) {
                refused.add(new LoadedSource(rel, null, "unreadable",
                        "symbolic link points outside the repository; not followed", 0, false));
                return rel;
            }
            if (Files.isDirectory(real)) {
                return rel;
            }
        }
        if (!explicit && !(link ? Files.isRegularFile(file) : attrs.isRegularFile())) {
            return rel;
        }
        String escape = leavesThroughDirectory(file);
        if (escape != null) {
            refused.add(new LoadedSource(rel, null, "unreadable", escape, 0, false));
            return rel;
        }
        found.putIfAbsent(rel, new Candidate(file, rel));
        return rel;
    }
}
