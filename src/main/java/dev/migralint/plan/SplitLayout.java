package dev.migralint.plan;

import dev.migralint.workspace.RunnerDescriptor;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a split sequence's migrations go and how each says, in its runner's own syntax, that it runs outside a
 * transaction. The file names follow the original's ({@code 000002_x.up.sql}, {@code 20240101120000_x/migration.sql},
 * Diesel's {@code 2024-01-01-120000_x/up.sql}); the way out of the transaction comes from the runner's descriptor
 * ({@code runners/*.yml}), the same facts the {@code fix} rewrites use: no wrapping at all, a one-query runner (a file
 * of one statement is no transaction block), a section option ({@code -- migrate:up transaction:false}), an in-file
 * directive ({@code -- +goose NO TRANSACTION}, {@code -- no-transaction}), a file name ({@code .autocommit.up.sql}) or a
 * side file (Diesel's {@code metadata.toml}).
 */
final class SplitLayout {
    /** Runners whose migrations are plain numbered files or directories migralint knows how to name. */
    static final Set<String> SUPPORTED = Set.of("goose", "golang-migrate", "sqlx", "pop", "diesel", "dbmate", "prisma",
            "supabase", "plain");

    private static final Pattern FILE = Pattern.compile("^(\\d+)([_-])(.*?)((?:\\.up)?\\.sql)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIR = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}-\\d{6}|\\d+)_(.*)$");
    private static final Pattern VERSION = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}-\\d{6}|\\d+)[_-]");

    /** One file to write; {@code sideFile} (with its text) is written beside it, or null. */
    record Target(Path file, String text, Path sideFile, String sideText) {
    }

    private final RunnerDescriptor runner;
    private final Path original;
    private final Path directory;
    private final String version;
    private final String separator;
    private final String stem;
    private final String suffix;
    /** For one directory per migration: the file inside (migration.sql, up.sql), else null. */
    private final String inner;

    private SplitLayout(RunnerDescriptor runner, Path original, Path directory, String version, String separator,
                        String stem, String suffix, String inner) {
        this.runner = runner;
        this.original = original;
        this.directory = directory;
        this.version = version;
        this.separator = separator;
        this.stem = stem;
        this.suffix = suffix;
        this.inner = inner;
    }

    /**
     * The layout for splitting {@code original} into {@code output} (null: beside it), or an exception saying why it
     * cannot be named.
     */
    static SplitLayout of(RunnerDescriptor runner, Path original, Path output) {
        if (!SUPPORTED.contains(runner.id())) {
            throw new IllegalArgumentException("split migrations for " + runner.name() + " are not written yet"
                    + " (supported: " + String.join(", ", SUPPORTED.stream().sorted().toList()) + ")");
        }
        if (runner.perDirectory()) {
            Path dir = original.getParent();
            Matcher m = dir == null ? null : DIR.matcher(dir.getFileName().toString());
            if (m == null || !m.matches()) {
                throw new IllegalArgumentException("the migration's directory name carries no version to number the"
                        + " split migrations from");
            }
            Path history = output != null ? output : dir.getParent();
            return new SplitLayout(runner, dir, history, m.group(1), "_", m.group(2), "",
                    original.getFileName().toString());
        }
        Matcher m = FILE.matcher(original.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("the file name carries no version to number the split migrations from");
        }
        return new SplitLayout(runner, original, output != null ? output : original.getParent(), m.group(1), m.group(2),
                m.group(3), m.group(4), null);
    }

    /** The n-th version from the original's (n = 0 is the original's own), in its width and shape. */
    String version(int n) {
        String digits = version.replace("-", "");
        String next = new BigInteger(digits).add(BigInteger.valueOf(n)).toString();
        while (next.length() < digits.length()) {
            next = "0" + next;
        }
        if (version.contains("-") && next.length() == 14) {
            return next.substring(0, 4) + "-" + next.substring(4, 6) + "-" + next.substring(6, 8) + "-" + next.substring(8);
        }
        return next;
    }

    /** Another migration in the target directory that holds one of the versions the sequence takes, or null. */
    String versionTaken(int count) throws IOException {
        if (!Files.isDirectory(directory)) {
            return null;
        }
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(normal(version(i)));
        }
        try (Stream<Path> s = Files.list(directory)) {
            for (Path p : s.toList()) {
                if (p.equals(original) || p.toAbsolutePath().normalize().equals(original.toAbsolutePath().normalize())) {
                    continue;
                }
                Matcher m = VERSION.matcher(p.getFileName().toString());
                if (m.find() && taken.contains(normal(m.group(1)))) {
                    return p.getFileName().toString();
                }
            }
        }
        return null;
    }

    private static String normal(String v) {
        String d = v.replace("-", "").replaceFirst("^0+(?=.)", "");
        return d;
    }

    /** Whether the runner can run a migration outside a transaction, and so CONCURRENTLY and committed batches. */
    boolean runsOutsideTransaction() {
        return switch (runner.wrapping()) {
            case NONE, IMPLICIT_MULTI_STATEMENT -> true;
            default -> upSectionOption() != null || directive() != null || autocommitInfix() != null
                    || sideFile() != null;
        };
    }

    /** The migration at position {@code n} (0-based) of the sequence. */
    Target target(int n, String slug, boolean outside, String header, List<String> statements) {
        String name = version(n) + separator + stem + "_" + (n + 1) + "_" + slug;
        Path file;
        Path side = null;
        String sideText = null;
        boolean needsMarker = outside && runner.wrapping() != RunnerDescriptor.Wrapping.NONE
                && runner.wrapping() != RunnerDescriptor.Wrapping.IMPLICIT_MULTI_STATEMENT;
        String directive = needsMarker && upSectionOption() == null ? directive() : null;
        if (inner != null) {
            Path dir = directory.resolve(name);
            file = dir.resolve(inner);
            RunnerDescriptor.SideFile sf = needsMarker && directive == null ? sideFile() : null;
            if (sf != null) {
                side = dir.resolve(sf.path());
                sideText = sideText(sf);
            }
        } else {
            String infix = needsMarker && directive == null && upSectionOption() == null ? autocommitInfix() : null;
            String suf = infix == null ? suffix : infix + suffix;
            file = directory.resolve(name + suf);
        }
        StringBuilder b = new StringBuilder();
        if (directive != null) {
            b.append(directive).append('\n');
        }
        b.append(header);
        RunnerDescriptor.Section up = upSection();
        if (up != null) {
            b.append(up.marker());
            if (outside && up.noTransaction() != null && needsMarker) {
                b.append(' ').append(up.noTransaction());
            }
            b.append('\n');
        }
        RunnerDescriptor.StatementBlock block = runner.statementBlock();
        for (String st : statements) {
            boolean blockIt = block != null && st.contains("$migralint$");
            if (blockIt) {
                b.append(block.begin()).append('\n');
            }
            b.append(st).append(";\n");
            if (blockIt) {
                b.append(block.end()).append('\n');
            }
        }
        return new Target(file, b.toString(), side, sideText);
    }

    private RunnerDescriptor.Section upSection() {
        return runner.sections().stream().filter(s -> s.direction().equals("up")).findFirst().orElse(null);
    }

    private String upSectionOption() {
        RunnerDescriptor.Section up = upSection();
        return up == null ? null : up.noTransaction();
    }

    private String directive() {
        String d = runner.fileDirective();
        return d == null ? null : d.strip();
    }

    /** {@code .autocommit} for popx's {@code **}{@code /*.autocommit.up.sql}, or null. */
    private String autocommitInfix() {
        for (String glob : runner.noTransactionFiles()) {
            Matcher m = Pattern.compile("^\\*\\*/\\*(\\.[A-Za-z]+)" + Pattern.quote(suffix.toLowerCase(Locale.ROOT)) + "$")
                    .matcher(glob);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** A side file in the migration's own directory that turns the transaction off (Diesel's metadata.toml). */
    private RunnerDescriptor.SideFile sideFile() {
        if (inner == null) {
            return null;
        }
        for (RunnerDescriptor.SideFile sf : runner.sideFiles()) {
            if (sf.search().equals("dir") && !sf.path().contains("{") && RunnerDescriptor.SideFile.TRANSACTION
                    .equals(sf.setting())) {
                return sf;
            }
        }
        return null;
    }

    private static String sideText(RunnerDescriptor.SideFile sf) {
        if (sf.format().equals("toml")) {
            int dot = sf.key().lastIndexOf('.');
            return dot < 0 ? sf.key() + " = " + sf.off() + "\n"
                    : "[" + sf.key().substring(0, dot) + "]\n" + sf.key().substring(dot + 1) + " = " + sf.off() + "\n";
        }
        return sf.key() + "=" + sf.off() + "\n";
    }

    /** How a migration of this runner is taken out of its transaction, for the header: "-- +goose NO TRANSACTION". */
    String outsideHow() {
        return switch (runner.wrapping()) {
            case NONE -> runner.name() + " runs each statement on its own";
            case IMPLICIT_MULTI_STATEMENT -> runner.name() + " sends the file as one query, and a file of one statement"
                    + " is no transaction block";
            default -> upSectionOption() != null ? upSection().marker() + " " + upSectionOption()
                    : directive() != null ? directive()
                    : autocommitInfix() != null ? "the " + autocommitInfix() + suffix + " file name"
                    : sideFile() != null ? sideFile().path() + ": " + sideText(sideFile()).strip()
                    : "no way";
        };
    }

    String runnerName() {
        return runner.name();
    }
}
