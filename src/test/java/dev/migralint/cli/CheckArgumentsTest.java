package dev.migralint.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** check's fast argument path reads a command line exactly as picocli does, or leaves it to picocli. */
class CheckArgumentsTest {

    /** Command lines the fast path must take: what hooks, CI and users type. */
    private static final List<List<String>> FAST = List.of(
            List.of(),
            List.of("db/V1__a.sql"),
            List.of("--staged", "--no-cache", "--color", "never"),
            List.of("--staged", "--quiet"), List.of("-q", "x.sql"),
            List.of("--no-cache", "--color", "never", "/tmp/x/migration.sql"),
            List.of("--changed", "--base", "origin/main", "--format", "github"),
            List.of("--changed", "--base=main", "--format=sarif", "-o", "out.sarif", "a.sql", "b/", "c/*.sql"),
            List.of("--staged", "--new-only", "--fail-on", "warning", "--config", "conf.yml"),
            List.of("--changed", "--all-lines", "--base", "main"),
            List.of("-c", "conf.yml", "--dialect", "mysql", "--framework", "flyway", "--postgres-version", "16"),
            List.of("--changed", "--include-uncommitted", "--show-ignored", "--fix", "x.sql"),
            List.of("--baseline", "base.json", "--sarif", "s.sarif", "--output=o.txt", "--color=always"),
            List.of("--write-baseline", "b.json", "--update-baseline"),
            List.of("a.sql", "--staged", "b.sql"),
            List.of("--format", "", "--base", "", "x"),
            List.of("--config=", "--dialect=postgresql", "--fail-on=error"),
            List.of("--base", "a=b", "--format=x=y"),
            List.of("--database-url", "postgres://u:p@h/d", "x.sql"),
            List.of("--database-url=postgres://h/d?sslmode=require"));

    /** Command lines left to picocli: its help, version, errors and syntax the fast path does not read. */
    private static final List<List<String>> PICOCLI = List.of(
            List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"),
            List.of("--unknown"), List.of("-x"), List.of("-"), List.of("--"), List.of("--", "-weird.sql"),
            List.of("@args.txt"), List.of("--config", "@c.yml"), List.of("--base=@x"),
            List.of("--format"), List.of("--format", "--staged"), List.of("--base", "-x"),
            List.of("--staged", "--staged"), List.of("--format", "json", "--format", "text"),
            List.of("-o", "a", "--output", "b"), List.of("-oout.txt"), List.of("-o=out.txt"), List.of("-cx.yml"),
            List.of("--staged=true"), List.of("--no-cache=false"), List.of("--fix="),
            List.of("--postgres-version", "abc"), List.of("--postgres-version", "016"), List.of("--postgres-version", "0x10"),
            List.of("--postgres-version", "99999999999"), List.of("--postgres-version", "+5"), List.of("--postgres-version=-1"),
            List.of("--output", "a\0b"), List.of(""), List.of("--FORMAT", "json"), List.of("--form", "json"),
            List.of("--help", "x.sql"), List.of("x.sql", "--version"));

    @Test
    void theFastPathReadsWhatPicocliReads() throws Exception {
        for (List<String> args : FAST) {
            Map<String, Object> picocli = viaPicocli(args);
            CheckCommand fast = new CheckCommand();
            assertTrue(CheckArguments.parse(args.toArray(String[]::new), fast), "fast path declined " + args);
            assertTrue(picocli != null, "picocli refuses " + args + ", which the fast path accepted");
            assertEquals(picocli, settings(fast), "settings of " + args);
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() throws Exception {
        for (List<String> args : PICOCLI) {
            assertFalse(CheckArguments.parse(args.toArray(String[]::new), new CheckCommand()),
                    "the fast path should leave " + args + " to picocli");
        }
    }

    /** Wherever the fast path takes a command line, picocli reads it the same; found by mixing the batteries. */
    @Test
    void combinationsAgree() throws Exception {
        List<List<String>> all = new ArrayList<>(FAST);
        all.addAll(PICOCLI);
        int taken = 0;
        for (List<String> a : all) {
            for (List<String> b : all) {
                List<String> args = new ArrayList<>(a);
                args.addAll(b);
                CheckCommand fast = new CheckCommand();
                if (!CheckArguments.parse(args.toArray(String[]::new), fast)) {
                    continue;
                }
                taken++;
                Map<String, Object> picocli = viaPicocli(args);
                if (picocli == null) {
                    fail("picocli refuses " + args + ", which the fast path accepted");
                }
                assertEquals(picocli, settings(fast), "settings of " + args);
            }
        }
        assertTrue(taken > 100, "too few combinations taken: " + taken);
    }

    /** Every option of check but help and version is read by the fast path (a new option is left to picocli). */
    @Test
    void everyOptionOfCheckIsCovered() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (List<String> args : FAST) {
            for (String a : args) {
                if (a.startsWith("-")) {
                    covered.add(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
                }
            }
        }
        Set<String> options = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o : new CommandLine(new CheckCommand()).getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                options.addAll(List.of(o.names()));
            }
        }
        assertEquals(options, covered);
    }

    /** What picocli sets, or null when it refuses the command line. */
    private static Map<String, Object> viaPicocli(List<String> args) throws Exception {
        CheckCommand c = new CheckCommand();
        try {
            new CommandLine(c).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return null;
        }
        return settings(c);
    }

    /** Every field picocli may set on check and its mixins, by name. */
    private static Map<String, Object> settings(CheckCommand c) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        collect(c, "", out);
        return out;
    }

    private static void collect(Object o, String prefix, Map<String, Object> out) throws Exception {
        for (Field f : o.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                collect(f.get(o), prefix + f.getName() + ".", out);
            } else if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                out.put(prefix + f.getName(), f.get(o));
            }
        }
    }
}
