package dev.migralint.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code migralint check}'s arguments read without picocli, into the same {@link CheckCommand} fields picocli fills.
 * Building picocli's command model (reflection over the annotations, its Java 5 class files, which the start-up
 * archive cannot keep) costs a pre-commit hook more than linting a file. This reads only the plainest command lines;
 * anything else, including every mistake, is left to picocli, so that help, version and every error message stay
 * picocli's. {@code CheckArgumentsTest} holds both to the same result.
 */
final class CheckArguments {
    private CheckArguments() {
    }

    /**
     * Fills {@code into} from {@code args} (what follows {@code check}) and returns true, or returns false, leaving
     * {@code into} in any state, when the command line holds anything this does not read exactly as picocli would:
     * help or version flags, an unknown or repeated option, {@code --}, {@code @files}, clustered or attached short
     * options, a value that looks like an option, a value picocli would have to convert with care.
     */
    static boolean parse(String[] args, CheckCommand into) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.isEmpty() || arg.charAt(0) == '@') {
                return false;
            }
            if (arg.charAt(0) != '-') {
                into.paths.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0 && arg.startsWith("--")) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String canonical = canonical(name);
            if (canonical == null || !seen.add(canonical)) {
                return false;
            }
            if (isFlag(canonical)) {
                if (value != null) {
                    return false;
                }
                setFlag(canonical, into);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return false;
                }
                value = args[++i];
                if (value.startsWith("-") || value.startsWith("@")) {
                    return false;
                }
            } else if (value.startsWith("@")) {
                return false;
            }
            if (!setValue(canonical, value, into)) {
                return false;
            }
        }
        return true;
    }

    /** The long name of an option check has, or null. */
    private static String canonical(String name) {
        switch (name) {
            case "-o":
                return "--output";
            case "-c":
                return "--config";
            case "-q":
                return "--quiet";
            case "--fix", "--show-ignored", "--no-cache", "--update-baseline", "--changed", "--include-uncommitted",
                    "--new-only", "--all-lines", "--staged", "--quiet", "--format", "--color", "--fail-on", "--dialect", "--framework", "--base",
                    "--output", "--sarif", "--config", "--baseline", "--write-baseline", "--postgres-version",
                    "--database-url":
                return name;
            default:
                return null;
        }
    }

    private static boolean isFlag(String name) {
        switch (name) {
            case "--fix", "--show-ignored", "--no-cache", "--update-baseline", "--changed", "--include-uncommitted",
                    "--new-only", "--all-lines", "--staged", "--quiet":
                return true;
            default:
                return false;
        }
    }

    private static void setFlag(String name, CheckCommand c) {
        switch (name) {
            case "--fix" -> c.fix = true;
            case "--show-ignored" -> c.showIgnored = true;
            case "--no-cache" -> c.noCache = true;
            case "--update-baseline" -> c.updateBaseline = true;
            case "--changed" -> c.git.changed = true;
            case "--include-uncommitted" -> c.git.includeUncommitted = true;
            case "--new-only" -> c.git.newOnly = true;
            case "--all-lines" -> c.git.allLines = true;
            case "--staged" -> c.git.staged = true;
            case "--quiet" -> c.quiet = true;
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static boolean setValue(String name, String value, CheckCommand c) {
        switch (name) {
            case "--format" -> c.format = value;
            case "--color" -> c.color = value;
            case "--fail-on" -> c.configOptions.failOn = value;
            case "--dialect" -> c.configOptions.dialect = value;
            case "--framework" -> c.configOptions.framework = value;
            case "--base" -> c.git.base = value;
            case "--database-url" -> c.databaseUrl = value;
            case "--postgres-version" -> {
                // Plain decimal only: picocli's own conversion decides anything else (signs, radix prefixes, range).
                if (!plainNumber(value)) {
                    return false;
                }
                c.configOptions.postgresVersion = Integer.valueOf(value);
            }
            default -> {
                Path p = path(value);
                if (p == null) {
                    return false;
                }
                switch (name) {
                    case "--output" -> c.output = p;
                    case "--sarif" -> c.sarifFile = p;
                    case "--config" -> c.configOptions.configFile = p;
                    case "--baseline" -> c.baselineFile = p;
                    case "--write-baseline" -> c.writeBaseline = p;
                    default -> throw new IllegalArgumentException(name);
                }
            }
        }
        return true;
    }

    /** 1 to 999999999 in plain decimal digits. */
    private static boolean plainNumber(String value) {
        if (value.isEmpty() || value.length() > 9 || value.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** As picocli converts a Path option ({@code Paths.get}), or null where it would report an error. */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
