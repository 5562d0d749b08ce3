package dev.migralint.workspace;

import dev.migralint.sql.Dialect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects, per file, which migration runner applies it and which SQL dialect it is written in, from the file's place
 * in the tree, its siblings and its first lines. Configuration overrides both.
 */
public final class ProjectLayout {
    private static final Pattern PRISMA = Pattern.compile("(^|.*/)migrations/[^/]+/migration\\.sql$");
    private static final Pattern FLYWAY = Pattern.compile("(^|.*/)(V\\d+(?:[._]\\d+)*__[^/]*|R__[^/]*)\\.sql$");
    private static final Pattern DIESEL = Pattern.compile("(^|.*/)migrations/[^/]+/(up|down)\\.sql$");
    private static final Pattern SQLX = Pattern.compile("(?m)^\\s*\\[?[\\w.-]*?\\bsqlx\\b");
    private static final Pattern PROVIDER = Pattern.compile("provider\\s*=\\s*\"([a-z]+)\"");

    private final Framework forcedFramework;
    private final Dialect forcedDialect;
    private final Map<Path, Optional<String>> prismaProviders = new ConcurrentHashMap<>();
    private final Map<Path, Boolean> sqlxDirs = new ConcurrentHashMap<>();
    private final Map<Path, Boolean> drizzleDirs = new ConcurrentHashMap<>();

    /** Told of every path detection is about to examine on disk; see {@link #observing}. */
    private final Consumer<Path> probes;

    public ProjectLayout(Framework forcedFramework, Dialect forcedDialect) {
        this(forcedFramework, forcedDialect, p -> { });
    }

    private ProjectLayout(Framework forcedFramework, Dialect forcedDialect, Consumer<Path> probes) {
        this.forcedFramework = forcedFramework;
        this.forcedDialect = forcedDialect;
        this.probes = probes;
    }

    /**
     * The same detection, telling {@code probes} of each path it examines on disk (a runner's marker file, a
     * manifest) before it looks: what a stored answer must watch to know that detection would say the same today.
     */
    public ProjectLayout observing(Consumer<Path> probes) {
        return new ProjectLayout(forcedFramework, forcedDialect, probes);
    }

    private Path probe(Path p) {
        probes.accept(p);
        return p;
    }

    public Framework framework(Path file, String rel, String text) {
        return forcedFramework != null ? forcedFramework : framework(file, rel, TextClues.of(text));
    }

    /** The runner from what detection reads of the text (the result cache keeps these clues, not the text). */
    public Framework framework(Path file, String rel, TextClues clues) {
        if (forcedFramework != null) {
            return forcedFramework;
        }
        String lower = rel.toLowerCase(Locale.ROOT);
        if (clues.dbmateMarker()) {
            return Framework.DBMATE;
        }
        if (clues.liquibaseHeader()) {
            return Framework.LIQUIBASE;
        }
        // Each pattern needs its literal part in the path: checking that first spares most paths the regex.
        if (rel.contains("migration.sql") && PRISMA.matcher(rel).matches()) {
            return Framework.PRISMA;
        }
        if (lower.contains("supabase/migrations/")) {
            return Framework.SUPABASE;
        }
        if ((rel.contains("__") && FLYWAY.matcher(rel).matches()) || lower.contains("db/migration/")) {
            return Framework.FLYWAY;
        }
        if (rel.contains("migrations/") && DIESEL.matcher(rel).matches()) {
            return Framework.DIESEL;
        }
        if (lower.endsWith(".up.sql") || lower.endsWith(".down.sql")) {
            return clues.noTransactionHeader() ? Framework.SQLX : Framework.GOLANG_MIGRATE;
        }
        if (clues.statementBreakpoint() || (file != null && file.getParent() != null
                && drizzleDirs.computeIfAbsent(file.getParent(), d -> Files.isRegularFile(probe(d.resolve("meta/_journal.json")))))) {
            return Framework.DRIZZLE;
        }
        if (lower.contains("migrations/committed/") || clues.graphilePrevious()) {
            return Framework.GRAPHILE_MIGRATE;
        }
        if (file != null && lower.contains("migrations/") && usesSqlx(file.toAbsolutePath().getParent())) {
            return Framework.SQLX;
        }
        return Framework.PLAIN;
    }

    public Dialect dialect(Path file, String rel, String text) {
        if (forcedDialect != null) {
            return forcedDialect;
        }
        if (file != null && PRISMA.matcher(rel).matches()) {
            Optional<String> provider = prismaProvider(file.toAbsolutePath().getParent().getParent());
            if (provider.isPresent()) {
                Optional<Dialect> d = Dialect.parse(provider.get());
                if (d.isPresent()) {
                    return d.get();
                }
            }
        }
        String lower = rel.toLowerCase(Locale.ROOT);
        // The path's parts between / _ . and -, in order; the first that names a dialect decides.
        int from = 0;
        for (int i = 0; i <= lower.length(); i++) {
            if (i < lower.length() && "/_.-".indexOf(lower.charAt(i)) < 0) {
                continue;
            }
            Dialect named = dialectNamed(lower, from, i);
            if (named != null) {
                return named;
            }
            from = i + 1;
        }
        return Dialect.POSTGRESQL;
    }

    private static Dialect dialectNamed(String s, int from, int to) {
        int n = to - from;
        if (n < 2 || n > 11) {
            return null;
        }
        if (is(s, from, to, "mysql") || is(s, from, to, "mariadb")) {
            return Dialect.MYSQL;
        }
        if (is(s, from, to, "sqlite") || is(s, from, to, "sqlite3") || is(s, from, to, "riversqlite")) {
            return Dialect.SQLITE;
        }
        if (is(s, from, to, "postgres") || is(s, from, to, "postgresql") || is(s, from, to, "pg")) {
            return Dialect.POSTGRESQL;
        }
        return null;
    }

    private static boolean is(String s, int from, int to, String word) {
        return to - from == word.length() && s.startsWith(word, from);
    }

    /**
     * sqlx keeps plain NNN_name.sql files in migrations/; a Cargo.toml up to three levels above names sqlx. Answered
     * once per directory: a history of thousands of files asks about the same one each time.
     */
    private boolean usesSqlx(Path dir) {
        return sqlxDirs.computeIfAbsent(dir, start -> {
            Path d = start;
            for (int i = 0; i < 4 && d != null; i++, d = d.getParent()) {
                Path manifest = probe(d.resolve("Cargo.toml"));
                if (Files.isRegularFile(manifest)) {
                    try {
                        return Files.size(manifest) < 1_000_000
                                && SQLX.matcher(Files.readString(manifest, StandardCharsets.UTF_8)).find();
                    } catch (IOException | RuntimeException e) {
                        return false;
                    }
                }
            }
            return false;
        });
    }

    private Optional<String> prismaProvider(Path migrationsDir) {
        if (migrationsDir == null) {
            return Optional.empty();
        }
        return prismaProviders.computeIfAbsent(migrationsDir, dir -> {
            Path lock = probe(dir.resolve("migration_lock.toml"));
            try {
                if (Files.isRegularFile(lock) && Files.size(lock) < 10_000) {
                    Matcher m = PROVIDER.matcher(Files.readString(lock, StandardCharsets.UTF_8));
                    if (m.find()) {
                        return Optional.of(m.group(1));
                    }
                }
            } catch (IOException e) {
                // No provider: fall back to path hints.
            }
            return Optional.empty();
        });
    }
}
