package dev.migralint.cli;

import dev.migralint.stats.DatabaseUrl;
import dev.migralint.workspace.GitReadAhead;
import dev.migralint.config.Printable;
import dev.migralint.config.SafeYaml;
import dev.migralint.config.Version;
import dev.migralint.engine.FileSelection;
import dev.migralint.engine.Phases;
import dev.migralint.engine.UsageException;
import dev.migralint.workspace.Glob;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The migralint command line. */
@Command(name = "migralint", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Stops unsafe SQL schema migrations before they reach a production database.",
        subcommands = {CheckCommand.class, FixCommand.class, PlanCommand.class, ReviewCommand.class, RulesCommand.class, ExplainCommand.class, InitCommand.class, InstallHookCommand.class, StatsCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings at or above --fail-on", "1:findings at or above --fail-on",
                "2:usage, configuration or rule-file error"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** --version. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"migralint " + Version.get()};
        }
    }

    @Override
    public void run() {
        throw Errors.commandRequired(spec);
    }

    /**
     * picocli's exceptions, made apart from Main: they are of a class-file version the start-up archive cannot keep,
     * and linking Main would otherwise load them from the jar on every run.
     */
    private static final class Errors {
        static RuntimeException commandRequired(CommandLine.Model.CommandSpec spec) {
            return new CommandLine.ParameterException(spec.commandLine(),
                    "a command is required (check, fix, plan, review, rules, explain, init, install-hook, stats, verify)");
        }
    }

    public static void main(String[] args) {
        pinTimeZone();
        int exit = run(args, new ConsoleOutput(System.out), new PrintWriter(System.err, true));
        Phases.print(System.err);
        System.exit(exit);
    }

    /**
     * Makes UTC the default time zone unless the user set one ({@code -Duser.timezone}). migralint prints no local
     * times; JGit's file snapshots build a formatter for their debug strings in the default zone, and finding a zone
     * by name loads the JDK's time-zone database, about 7 ms of every pre-commit run (bench/README.md). UTC needs no
     * database. Before anything reads the default zone: it is read once.
     */
    static void pinTimeZone() {
        String zone = System.getProperty("user.timezone");
        if (zone == null || zone.isEmpty()) {
            System.setProperty("user.timezone", "UTC");
        }
    }

    /**
     * The subcommands by name. The one invoked is built on its own: picocli reflects over every class it is given,
     * and building all of them costs a pre-commit hook more than linting one file.
     */
    private static Object command(String name) {
        return switch (name) {
            case "check" -> new CheckCommand();
            case "fix" -> new FixCommand();
            case "plan" -> new PlanCommand();
            case "review" -> new ReviewCommand();
            case "rules" -> new RulesCommand();
            case "explain" -> new ExplainCommand();
            case "init" -> new InitCommand();
            case "install-hook" -> new InstallHookCommand();
            case "stats" -> new StatsCommand();
            case "verify" -> new VerifyCommand();
            default -> null;
        };
    }

    /** Runs a command line and returns the exit code; used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter rawErr) {
        // Messages echo paths, keys and values; no control character of theirs reaches a terminal or a CI log.
        PrintWriter err = new PrintWriter(Printable.writer(rawErr), true);
        boolean debug = false;
        if (Arrays.asList(args).contains("--debug")) {
            debug = true;
            args = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        }
        DEBUG.set(debug);
        String unknown = args.length > 0 ? unknownCommand(args[0]) : null;
        if (unknown != null) {
            err.println("migralint: " + unknown);
            err.println("Try 'migralint --help'.");
            return ExitCodes.USAGE;
        }
        if (args.length > 0 && args[0].equals("check")) {
            CheckCommand check = new CheckCommand();
            if (CheckArguments.parse(Arrays.copyOfRange(args, 1, args.length), check)) {
                return runDirect(check, out, err);
            }
        }
        Object direct = args.length > 0 ? command(args[0]) : null;
        CommandLine cli;
        if (direct != null) {
            cli = new CommandLine(direct);
            cli.setCommandName("migralint " + args[0]);
            args = Arrays.copyOfRange(args, 1, args.length);
        } else {
            cli = new CommandLine(new Main());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(t -> ExitCodes.USAGE);
        cli.setParameterExceptionHandler((ex, a) -> {
            // A mistyped command line may echo a database URL: never its password.
            err.println("migralint: " + Printable.of(DatabaseUrl.redact(ex.getMessage())));
            err.println("Try 'migralint --help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failed(ex, err));
        return cli.execute(args);
    }

    /** Runs a check whose arguments {@link CheckArguments} read, as picocli's execute would (same exit codes). */
    private static int runDirect(CheckCommand check, PrintWriter out, PrintWriter err) {
        check.directOut = out;
        check.directErr = err;
        if (check.git.active()) {
            GitReadAhead.start(Setup.cwd(), FileSelection.gitOptions(check.git.request(), System.getenv()));
        }
        try {
            return check.call();
        } catch (Exception ex) {
            return failed(ex, err);
        } finally {
            GitReadAhead.discard();
        }
    }

    static final ThreadLocal<Boolean> DEBUG = ThreadLocal.withInitial(() -> false);

    static int failed(Exception ex, PrintWriter err) {
        if (ex instanceof UsageException || ex instanceof Glob.Invalid) {
            err.println("migralint: " + Printable.of(DatabaseUrl.redact(ex.getMessage())));
            return ExitCodes.USAGE;
        }
        err.println("migralint: internal error: " + Printable.of(DatabaseUrl.redact(String.valueOf(ex)))
                + (DEBUG.get() ? "" : " (run again with --debug for the stack trace, and please report it)"));
        if (DEBUG.get()) {
            ex.printStackTrace(err);
        }
        return ExitCodes.USAGE;
    }

    /**
     * A first argument that names no command (and is no option): the message, naming the nearest command, else null.
     * The commands are read from this class's annotation, so commands added later are known without a change here.
     */
    static String unknownCommand(String word) {
        if (word.startsWith("-") || command(word) != null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null) {
                names.add(cmd.name());
            }
        }
        if (names.contains(word)) {
            return null;
        }
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String n : names) {
            int d = SafeYaml.distance(word.toLowerCase(Locale.ROOT), n);
            if (d < best) {
                best = d;
                nearest = n;
            }
        }
        String list = String.join(", ", names);
        return "unknown command '" + Printable.of(word) + "'"
                + (nearest != null ? "; did you mean '" + nearest + "'?" : "")
                + " (commands: " + list + ")";
    }
}
