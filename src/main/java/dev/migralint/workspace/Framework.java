package dev.migralint.workspace;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The runner that applies one file, with what detection learnt about it for that file: the runner's version (and
 * where it was found) and what a side file such as Diesel's {@code metadata.toml} or Flyway's {@code .sql.conf} says
 * about its transaction. The runner itself is data: a {@link RunnerDescriptor}.
 *
 * @param version         the runner version assumed, or null when neither the project nor the configuration says
 * @param versionSource   where the version came from ("package.json", "configuration", ...), or null
 * @param sideTransaction false when a side file turns the transaction off, true when it turns it on, null when silent
 * @param sideSource      the side file that decided {@code sideTransaction}, as a path relative to the migration's
 *                        directory, or null
 * @param problems        side files that could not be read ("path:line: message"); the runner's default was assumed
 * @param settings        other side-file settings found set (Flyway's {@code mixed}, {@code session-lock}), each with
 *                        the file and line that set it
 */
public record Framework(RunnerDescriptor descriptor, String version, String versionSource, Boolean sideTransaction,
                        String sideSource, List<String> problems, Map<String, String> settings) {
    public static final Framework PRISMA = bundled("prisma");
    public static final Framework FLYWAY = bundled("flyway");
    public static final Framework GOLANG_MIGRATE = bundled("golang-migrate");
    public static final Framework DBMATE = bundled("dbmate");
    public static final Framework SUPABASE = bundled("supabase");
    public static final Framework DIESEL = bundled("diesel");
    public static final Framework SQLX = bundled("sqlx");
    public static final Framework DRIZZLE = bundled("drizzle");
    public static final Framework GRAPHILE_MIGRATE = bundled("graphile-migrate");
    public static final Framework LIQUIBASE = bundled("liquibase");
    public static final Framework GOOSE = bundled("goose");
    public static final Framework POP = bundled("pop");
    public static final Framework PLAIN = bundled("plain");

    public Framework {
        Objects.requireNonNull(descriptor);
        problems = problems == null ? List.of() : List.copyOf(problems);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public Framework(RunnerDescriptor descriptor, String version, String versionSource, Boolean sideTransaction,
                     String sideSource, List<String> problems) {
        this(descriptor, version, versionSource, sideTransaction, sideSource, problems, Map.of());
    }

    public Framework(RunnerDescriptor descriptor) {
        this(descriptor, null, null, null, null, List.of());
    }

    private static Framework bundled(String id) {
        RunnerDescriptor d = Runners.bundled().find(id);
        if (d == null) {
            throw new IllegalStateException("runners/" + id + ".yml is missing");
        }
        return new Framework(d);
    }

    public String id() {
        return descriptor.id();
    }

    public RunnerDescriptor.Wrapping wrapping() {
        return descriptor.wrapping();
    }

    /**
     * The directory whose migrations form one history with the file at {@code displayPath}: its own directory, or the
     * one above for runners that keep a directory per migration (Prisma, Diesel); "" at the top.
     */
    public String historyDirectory(String displayPath) {
        int slash = displayPath.lastIndexOf('/');
        String dir = slash < 0 ? "" : displayPath.substring(0, slash);
        if (descriptor.perDirectory()) {
            int up = dir.lastIndexOf('/');
            dir = up < 0 ? "" : dir.substring(0, up);
        }
        return dir;
    }

    /** One sentence saying what migralint assumes about this runner, for findings to quote. */
    public String assumption() {
        return descriptor.assumption();
    }

    /** The in-file comment that turns the runner's transaction off for the whole file, or null when there is none. */
    public String noTransactionDirective() {
        return descriptor.fileDirective();
    }

    /** Whether the runner refuses to deploy when an applied migration was edited (it stores and checks checksums). */
    public boolean verifiesChecksums() {
        return descriptor.verifiesChecksums();
    }

    /** The same runner, whatever was learnt per file. */
    public boolean is(Framework other) {
        return other != null && id().equals(other.id());
    }

    public Framework withVersion(String v, String source) {
        return new Framework(descriptor, v, source, sideTransaction, sideSource, problems, settings);
    }

    public Framework withSide(Boolean tx, String source, List<String> problems) {
        return new Framework(descriptor, version, versionSource, tx, source, problems, settings);
    }

    public Framework withSettings(Map<String, String> found) {
        return new Framework(descriptor, version, versionSource, sideTransaction, sideSource, problems, found);
    }

    /** The runner and its version as a finding says it: "supabase 2.110.0 (package.json)". */
    public String describe() {
        return version == null ? id() : id() + " " + version + (versionSource == null ? "" : " (" + versionSource + ")");
    }

    /** Everything detection decided for a file, as the result cache keys on it. */
    public String cacheKey() {
        return id() + "|" + version + "|" + sideTransaction + "|" + sideSource + "|" + problems + "|"
                + new TreeMap<>(settings);
    }

    /** Equal when the runner is the same, whatever was learnt per file (compare {@link #cacheKey()} for that). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Framework f && f.id().equals(id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return id();
    }

    /** A bundled runner by id or alias, or null. */
    public static Framework fromId(String id) {
        RunnerDescriptor d = Runners.bundled().find(id);
        return d == null ? null : new Framework(d);
    }

    public static List<Framework> values() {
        return Runners.bundled().inDetectionOrder().stream().map(Framework::new).toList();
    }
}
