package dev.migralint.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One migration runner, as described by its {@code runners/<id>.yml} file (or a {@code runners:} entry of
 * {@code .migralint.yml}): how its files are found, which are up and which down, how it wraps a file or a section in a
 * transaction and what turns that off, whether it verifies checksums, and what changed with which version.
 *
 * @param order        detection order: lower is tried first; the first runner whose {@code detect} matches wins
 * @param detect       alternatives, each a set of conditions that must all hold
 * @param sections     comment lines that start an up or down section inside a file (goose, dbmate, node-pg-migrate,
 *                     Liquibase changesets); each section is its own transaction unit
 * @param downFiles    globs over the path of files that are down (rollback) migrations
 * @param verifyFiles  globs over the path of verification scripts (sqitch verify/): run after deploy, change nothing
 * @param directives   in-file comments that turn the runner's transaction off
 * @param noTransactionFiles globs over the path of files the runner runs without a transaction (popx {@code .autocommit.})
 * @param sideFiles    files beside the migration (or above it) that turn the transaction off
 * @param unwrappedOneQuery with its transaction turned off, the runner still sends a file or section as one query
 *                     string, which PostgreSQL runs as one implicit transaction when it holds several statements
 * @param versionFrom  where the project pins the runner's version
 * @param changes      behaviour that holds from (or until) a version
 * @param perDirectory each migration is a directory (Prisma, Diesel, Hasura): its history is the directory above
 * @param sources      citations: each fact with the runner's documentation or source it comes from
 * @param statementBlock comment lines between which the runner sends everything as one query string (goose's
 *                     {@code StatementBegin}/{@code StatementEnd}), or null
 * @param keysByVersion the runner's table of applied migrations holds the version alone, so renaming the rest of a
 *                     migration's name changes nothing for it
 * @param migrationOrder the order in which the runner applies a history's migrations: {@code natural} (the name,
 *                     digit runs compared as numbers: golang-migrate, Flyway), {@code name} (the migration's name as
 *                     text: Prisma) or {@code version-text} (the name up to its first '_' without '-', as text:
 *                     Diesel); see {@link MigrationOrder#of}
 * @param runsNames    regular expressions over the file names the runner applies, as its source defines them, when it
 *                     silently skips the other files it finds (the Supabase CLI's {@code ^([0-9]+)_(.*)\.sql$});
 *                     empty: every file it is detected for. A directory where it would apply no file is not its.
 * @param reportsSkipped a file of the runner whose name it skips, beside files it applies, is reported
 *                     ({@code runner-skips-file}); false where other runners share the layout, so that such a name more
 *                     likely belongs to another runner than to a file this one misses
 */
public record RunnerDescriptor(String id, String name, List<String> aliases, int order, List<Detect> detect,
                               Wrapping wrapping, String assumption, List<Section> sections, List<String> downFiles,
                               List<String> verifyFiles, List<Directive> directives, List<String> noTransactionFiles, List<SideFile> sideFiles,
                               boolean verifiesChecksums, List<VersionFrom> versionFrom, String defaultVersion,
                               List<Change> changes, boolean perDirectory, List<Source> sources, String file,
                               boolean unwrappedOneQuery, StatementBlock statementBlock, boolean keysByVersion,
                               String migrationOrder, List<String> runsNames,
                               boolean reportsSkipped) {

    public RunnerDescriptor {
        aliases = List.copyOf(aliases);
        detect = List.copyOf(detect);
        sections = List.copyOf(sections);
        downFiles = List.copyOf(downFiles);
        verifyFiles = List.copyOf(verifyFiles);
        directives = List.copyOf(directives);
        noTransactionFiles = List.copyOf(noTransactionFiles);
        sideFiles = List.copyOf(sideFiles);
        versionFrom = List.copyOf(versionFrom);
        changes = List.copyOf(changes);
        sources = List.copyOf(sources);
        migrationOrder = migrationOrder == null ? MigrationOrder.NATURAL : migrationOrder;
        runsNames = runsNames == null ? List.of() : List.copyOf(runsNames);
    }

    /** How a runner puts a file (or a section) in a transaction. */
    public enum Wrapping {
        /** Each statement commits on its own unless the file says BEGIN. */
        NONE("none"),
        /** The runner opens a transaction around the file or section. */
        WRAPPED("wrapped"),
        /** The file is sent as one query string: one implicit transaction when it holds more than one statement. */
        IMPLICIT_MULTI_STATEMENT("one-query"),
        /** Every pending migration runs in one transaction (for one file: the same as wrapped). */
        ALL_PENDING("all-pending");

        private final String id;

        Wrapping(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Wrapping parse(String s) {
            for (Wrapping w : values()) {
                if (w.id.equals(s.toLowerCase(Locale.ROOT))) {
                    return w;
                }
            }
            return null;
        }

        /** True when a file or section runs in a transaction without saying so. */
        public boolean wraps(int statements) {
            return this == WRAPPED || this == ALL_PENDING || (this == IMPLICIT_MULTI_STATEMENT && statements > 1);
        }
    }

    /**
     * Conditions that identify a runner's file; every one given must hold.
     *
     * @param text     clue names ({@link TextClues#NAMES}) of which one must be in the file's text
     * @param paths    globs of which one must match the file's path
     * @param markers  paths of which one must exist in the file's directory or one of the four above it
     * @param manifest a file in those directories whose text must contain {@code contains}; {@code {stem}} in a
     *                 {@code contains} entry stands for the migration's file name without {@code .sql} (Drizzle's journal
     *                 names each migration it runs), which makes the check one per file, not per directory
     */
    public record Detect(List<String> text, List<String> paths, List<String> markers, String manifest,
                         List<String> contains) {
        public Detect {
            text = List.copyOf(text);
            paths = List.copyOf(paths);
            markers = List.copyOf(markers);
            contains = List.copyOf(contains);
        }
    }

    /**
     * Two comment lines between which the runner sends all lines as one query string instead of splitting them at
     * semicolons; compared like section markers.
     */
    public record StatementBlock(String begin, String end) {
        public String beginKey() {
            return RunnerLoader.comment(begin);
        }

        public String endKey() {
            return RunnerLoader.comment(end);
        }
    }

    /**
     * A comment line that starts a section. Markers and options are compared with the comment's text lower-cased
     * and stripped of white space, so {@code -- +goose Down} and {@code --+goose down} are the same marker.
     *
     * @param noTransaction an option on the marker line that turns the transaction off for this section
     * @param inline        the marker line itself holds the section's SQL (Liquibase's {@code --rollback} lines,
     *                      which the SQL front end reads as code in formatted SQL files); consecutive marker lines are
     *                      one section, inside the section they interrupt, which resumes after them
     * @param migration     each such section is a migration of its own to the runner, known by the first word after
     *                      the marker (Liquibase records each changeset by id, author and file): an edit of the file
     *                      that leaves the base's sections as they were only adds migrations
     * @param rerunsOnChange options on the marker line under which the runner runs the section again when its text
     *                      changes (Liquibase's runOnChange:true), so an edit of it is meant to be applied
     * @param editAccepted  a comment line in the section under which the runner accepts an edited section without
     *                      failing (Liquibase's --validCheckSum), so the edit only drifts; or null
     */
    public record Section(String marker, String direction, String noTransaction, boolean inline, boolean migration,
                          List<String> rerunsOnChange, String editAccepted) {
        public Section {
            rerunsOnChange = List.copyOf(rerunsOnChange);
        }

        public Section(String marker, String direction, String noTransaction, boolean inline) {
            this(marker, direction, noTransaction, inline, false, List.of(), null);
        }

        public Section(String marker, String direction, String noTransaction) {
            this(marker, direction, noTransaction, false);
        }

        /** The marker as compared: lower-cased, without white space. */
        public String markerKey() {
            return RunnerLoader.comment(marker);
        }

        /** The no-transaction option as compared, or null. */
        public String noTransactionKey() {
            return noTransaction == null ? null : RunnerLoader.comment(noTransaction);
        }
    }

    /**
     * @param scope {@code file}: anywhere in the file, for the whole file; {@code first-line}: only as the file's first
     *              line; {@code first-line-after-headers}: as the first line after the leading {@code --! Key: value}
     *              header lines and blank lines (graphile-migrate's committed files); {@code statement}: on a comment
     *              line before a statement (after the one before it), for that statement alone (an in-house runner
     *              that sends marked statements outside the transaction it runs the rest of the file in)
     */
    public record Directive(String comment, String scope) {
        /** Whether the directive turns the transaction off for the whole file, not one statement. */
        public boolean fileWide() {
            return !scope.equals("statement") && !scope.equals("section");
        }
    }

    /**
     * A configuration file that can turn the transaction off.
     *
     * @param path    relative to the migration's directory; {@code {file}} stands for the migration's file name
     * @param search  {@code dir}: that directory only; {@code ancestors}: it and the four above
     * @param format  {@code toml} or {@code properties}
     * @param key     the setting (for TOML, {@code table.key} reads a key of a table)
     * @param off     the value that turns the transaction off (for another {@code setting}: the value that sets it)
     * @param setting what the key decides: {@code transaction} (the default), or a setting a change names in its
     *                {@code unless} (Flyway's {@code mixed}, {@code session-lock})
     */
    public record SideFile(String path, String search, String format, String key, String off, String setting) {
        public static final String TRANSACTION = "transaction";

        public SideFile(String path, String search, String format, String key, String off) {
            this(path, search, format, key, off, TRANSACTION);
        }
    }

    /**
     * @param file    package.json, package-lock.json, pnpm-lock.yaml, yarn.lock, go.mod, Cargo.toml or Cargo.lock, looked
     *                for in the file's directory and the eight above
     * @param packages the package, module or crate names that carry the runner's version
     */
    public record VersionFrom(String file, List<String> packages) {
        public VersionFrom {
            packages = List.copyOf(packages);
        }
    }

    /**
     * Behaviour from a version on: statements the runner runs on their own, outside the file's transaction.
     *
     * @param since      the first version with this behaviour
     * @param statements statement beginnings, keywords separated by spaces, {@code *} for any words in between
     * @param effect     {@code statement}: that statement runs alone, the rest stays in the transaction;
     *                   {@code file}: the whole file runs without a transaction; {@code refuse-mixed}: the runner
     *                   refuses a file (or section) that holds one of these statements beside any other statement;
     *                   {@code lock-wait}: the statement, run without a transaction, waits forever on a transaction
     *                   the runner itself keeps open (Flyway's transactional advisory lock)
     * @param untilPostgres the behaviour holds only below this Postgres major version (0: always)
     * @param unless     a side-file setting ({@link SideFile#setting()}) that, when set, lifts the change, or null
     */
    public record Change(String since, List<String> statements, String effect, int untilPostgres, String unless,
                         String says) {
        public Change {
            statements = List.copyOf(statements);
        }
    }

    /** @param fact what is claimed; @param source where it comes from (URL, file and line). */
    public record Source(String fact, String source) {
    }

    /** The first file-wide directive (what fix adds), or null. */
    public String fileDirective() {
        for (Directive d : directives) {
            if (d.fileWide()) {
                return d.comment();
            }
        }
        return null;
    }

    /**
     * The comment lines at which the runner ends a statement even without a semicolon (its section markers and
     * statement-block markers; Liquibase's inline --rollback lines are SQL, not boundaries), as compared: lower-cased,
     * without white space.
     */
    public List<String> statementBoundaries() {
        if (sections.isEmpty() && statementBlock == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Section s : sections) {
            if (!s.inline()) {
                out.add(s.markerKey());
            }
        }
        if (statementBlock != null) {
            out.add(statementBlock.beginKey());
            out.add(statementBlock.endKey());
        }
        return List.copyOf(out);
    }

    public boolean hasSections() {
        return !sections.isEmpty();
    }
}
