package dev.migralint.cli;

import dev.migralint.config.AtomicText;
import dev.migralint.config.ConfigException;
import dev.migralint.config.ConfigLoader;
import dev.migralint.engine.UsageException;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleSet;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code migralint init}: writes a commented {@code .migralint.yml} for the migrations found in the repository. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented .migralint.yml for the migration framework and files found in the repository.")
public final class InitCommand implements Callable<Integer> {
    /** Where editors fetch the schema of .migralint.yml from (yaml-language-server modeline). */
    public static final String SCHEMA_URL =
            "https://raw.githubusercontent.com/migralint/migralint/main/schemas/migralint-config.schema.json";
    /** Rules the generated file mentions as examples (when they exist), with a setting a team might choose. */
    private static final Map<String, String> EXAMPLE_RULES = Map.of("require-lock-timeout", "error",
            "prefer-if-not-exists", "off", "ban-drop-column", "warning", "backfill-in-schema-migration", "error");
    private static final List<String> EXAMPLE_ORDER = List.of("require-lock-timeout", "prefer-if-not-exists",
            "ban-drop-column", "backfill-in-schema-migration");
    private static final Pattern PRISMA_PROVIDER = Pattern.compile(
            "datasource\\s+\\w+\\s*\\{[^}]*?provider\\s*=\\s*\"([a-z0-9]+)\"", Pattern.DOTALL);

    @Spec
    CommandSpec spec;

    @Option(names = "--force", description = "Overwrite an existing .migralint.yml.")
    boolean force;

    @Option(names = "--stdout", description = "Print the configuration instead of writing it.")
    boolean stdout;

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory to write it in and to look for migrations under (default: the repository root).")
    Path dir;

    /**
     * What init found.
     *
     * @param framework the runner most migrations use, PLAIN when none was recognised
     * @param unanimous every migration found uses that runner
     * @param dialect   the dialect most migrations are written in
     * @param files     how many migration files were found
     * @param include   globs matching them
     * @param exclude   globs for files found but not to lint (down migrations)
     * @param how       one line saying what was detected, for the file's comment and the console
     */
    /** @param dialects every dialect the migrations are written in; dialect: is written only when there is one */
    record Detected(Framework framework, boolean unanimous, Dialect dialect, int files, List<String> include,
                    List<String> exclude, String how, List<Dialect> dialects) {
        Detected(Framework framework, boolean unanimous, Dialect dialect, int files, List<String> include,
                 List<String> exclude, String how) {
            this(framework, unanimous, dialect, files, include, exclude, how, List.of(dialect));
        }
    }

    @Override
    public Integer call() {
        Path root = (dir != null ? dir : Setup.repoRoot(Setup.cwd())).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new UsageException("no such directory: " + root);
        }
        Path target = root.resolve(ConfigLoader.FILE_NAME);
        if (!stdout && Files.exists(target) && !force) {
            throw new UsageException(target + " already exists; use --force to overwrite it (or --stdout to print the new one)");
        }
        Detected detected = detect(root);
        String text = render(detected, exampleRules());
        try {
            ConfigLoader.parse(target, text); // what init writes must load
        } catch (ConfigException e) {
            throw new IllegalStateException("init wrote a configuration that does not load: " + e.describe(), e);
        }
        if (stdout) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return ExitCodes.CLEAN;
        }
        try {
            AtomicText.write(target, ".migralint", text);
        } catch (IOException e) {
            throw new UsageException("cannot write " + target + ": " + e.getMessage());
        }
        spec.commandLine().getOut().println("Wrote " + target + " (" + detected.how() + ").");
        spec.commandLine().getOut().println("Run 'migralint check' to lint the migrations it includes.");
        spec.commandLine().getOut().flush();
        return ExitCodes.CLEAN;
    }

    private static List<Rule> exampleRules() {
        try {
            RuleSet rules = RuleSet.bundled();
            List<Rule> out = new ArrayList<>();
            for (String id : EXAMPLE_ORDER) {
                if (rules.contains(id) && out.size() < 4) {
                    out.add(rules.get(id));
                }
            }
            return out;
        } catch (RuleLoadException e) {
            return List.of();
        }
    }

    /** Looks for migrations under root and works out the runner, dialect and globs. */
    static Detected detect(Path root) {
        FileCollector collector = new FileCollector(root, List.of(), List.of());
        List<Candidate> files = collector.collect(List.of(), root).files();
        ProjectLayout layout = new ProjectLayout(null, null);
        Map<Framework, List<Candidate>> byFramework = new LinkedHashMap<>();
        Map<Candidate, Dialect> dialects = new LinkedHashMap<>();
        for (Candidate c : files) {
            String head = head(c.path());
            // One runner, whatever its side files say per migration.
            byFramework.computeIfAbsent(new Framework(layout.framework(c.path(), c.displayPath(), head).descriptor()),
                    k -> new ArrayList<>()).add(c);
            dialects.put(c, layout.dialect(c.path(), c.displayPath(), head));
        }
        Framework framework = byFramework.entrySet().stream()
                .filter(e -> !e.getKey().is(Framework.PLAIN))
                .max(Comparator.comparingInt((Map.Entry<Framework, List<Candidate>> e) -> e.getValue().size()))
                .map(Map.Entry::getKey).orElse(Framework.PLAIN);
        if (files.isEmpty()) {
            return fromMarkers(root);
        }
        List<Candidate> chosen = byFramework.getOrDefault(framework, files);
        boolean unanimous = byFramework.size() == 1;
        Map<Dialect, Integer> votes = new EnumMap<>(Dialect.class);
        for (Candidate c : chosen) {
            votes.merge(dialects.get(c), 1, Integer::sum);
        }
        Dialect dialect = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Dialect.POSTGRESQL);
        // Every dialect in the repository: one forced dialect would override the per-file detection of the others.
        List<Dialect> all = dialects.values().stream().distinct().sorted().toList();
        // Lint every migration found, whatever its runner: one glob per migrations directory.
        TreeSet<String> dirs = new TreeSet<>();
        Map<String, Framework> dirFramework = new LinkedHashMap<>();
        for (Map.Entry<Framework, List<Candidate>> e : byFramework.entrySet()) {
            for (Candidate c : e.getValue()) {
                String d = e.getKey().historyDirectory(c.displayPath());
                dirs.add(d);
                dirFramework.merge(d, e.getKey(), (a, b) -> a.is(b) ? a : Framework.PLAIN);
            }
        }
        List<String> top = new ArrayList<>();
        for (String d : dirs) {
            if (top.stream().noneMatch(t -> t.isEmpty() || d.equals(t) || d.startsWith(t + "/"))) {
                top.add(d);
            }
        }
        List<String> include = new ArrayList<>();
        TreeSet<String> exclude = new TreeSet<>();
        for (String d : top) {
            Framework f = dirFramework.getOrDefault(d, Framework.PLAIN);
            String prefix = d.isEmpty() ? "" : d + "/";
            if (f.is(Framework.PRISMA)) {
                include.add(prefix + "*/migration.sql");
            } else if (f.is(Framework.DIESEL)) {
                include.add(prefix + "*/up.sql");
            } else {
                include.add(prefix + "**/*.sql");
            }
        }
        for (Candidate c : files) {
            String lower = c.displayPath().toLowerCase(Locale.ROOT);
            if (lower.endsWith(".down.sql")) {
                exclude.add("**/*.down.sql");
            }
            String name = lower.substring(lower.lastIndexOf('/') + 1);
            if (name.matches("u\\d+(?:[._]\\d+)*__.*\\.sql") && byFramework.containsKey(Framework.FLYWAY)) {
                exclude.add("**/U*__*.sql");
            }
        }
        String how = files.size() + " migration file" + (files.size() == 1 ? "" : "s") + " under "
                + String.join(", ", top.stream().map(t -> t.isEmpty() ? "." : t).toList())
                + (framework.is(Framework.PLAIN) ? ", no migration runner recognised" : ", " + framework.id()
                + (unanimous ? "" : " for most of them")) + ", "
                + (all.size() > 1 ? String.join(", ", all.stream().map(Dialect::id).toList()) : dialect.id());
        return new Detected(framework, unanimous, dialect, files.size(), include, List.copyOf(exclude), how, all);
    }

    /** No migration files yet: recognise a runner by its configuration files. */
    private static Detected fromMarkers(Path root) {
        Path schema = root.resolve("prisma/schema.prisma");
        if (Files.isRegularFile(schema)) {
            Dialect dialect = Dialect.POSTGRESQL;
            Matcher m = PRISMA_PROVIDER.matcher(head(schema));
            if (m.find()) {
                dialect = Dialect.parse(m.group(1)).orElse(Dialect.POSTGRESQL);
            }
            return marker(Framework.PRISMA, dialect, "prisma/migrations/*/migration.sql", "prisma/schema.prisma");
        }
        if (Files.isRegularFile(root.resolve("supabase/config.toml"))) {
            return marker(Framework.SUPABASE, Dialect.POSTGRESQL, "supabase/migrations/*.sql", "supabase/config.toml");
        }
        if (Files.isRegularFile(root.resolve("diesel.toml"))) {
            return marker(Framework.DIESEL, Dialect.POSTGRESQL, "migrations/*/up.sql", "diesel.toml");
        }
        for (String f : List.of("flyway.conf", "flyway.toml", "conf/flyway.conf")) {
            if (Files.isRegularFile(root.resolve(f))) {
                return marker(Framework.FLYWAY, Dialect.POSTGRESQL, "**/db/migration/**/*.sql", f);
            }
        }
        for (String f : List.of("drizzle.config.ts", "drizzle.config.js", "drizzle.config.mjs")) {
            if (Files.isRegularFile(root.resolve(f))) {
                return marker(Framework.DRIZZLE, Dialect.POSTGRESQL, "drizzle/**/*.sql", f);
            }
        }
        if (Files.isRegularFile(root.resolve(".gmrc")) || Files.isRegularFile(root.resolve(".gmrc.js"))) {
            return marker(Framework.GRAPHILE_MIGRATE, Dialect.POSTGRESQL, "migrations/committed/*.sql", ".gmrc");
        }
        return new Detected(Framework.PLAIN, true, Dialect.POSTGRESQL, 0, List.of(), List.of(),
                "no migrations found yet");
    }

    private static Detected marker(Framework f, Dialect d, String include, String file) {
        return new Detected(f, true, d, 0, List.of(include), List.of(), f.id() + " (from " + file + "), " + d.id()
                + ", no migration files yet");
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The commented configuration for what was detected. */
    static String render(Detected d, List<Rule> examples) {
        StringBuilder b = new StringBuilder();
        b.append("# yaml-language-server: $schema=").append(SCHEMA_URL).append('\n');
        b.append("# migralint configuration, written by `migralint init`. Every key is optional.\n");
        b.append("# Detected: ").append(d.how()).append(".\n\n");

        b.append("# Which files `migralint check` lints when given no paths (globs relative to this file;\n");
        b.append("# ** crosses directories).\n");
        if (d.include().isEmpty()) {
            b.append("# include:\n#   - \"db/migrations/**/*.sql\"\n");
        } else {
            b.append("include:\n");
            d.include().forEach(g -> b.append("  - ").append(quote(g)).append('\n'));
        }
        if (d.exclude().isEmpty()) {
            b.append("exclude: []\n\n");
        } else {
            b.append("# Down/undo migrations run only when rolling back; remove them here to lint them too.\n");
            b.append("exclude:\n");
            d.exclude().forEach(g -> b.append("  - ").append(quote(g)).append('\n'));
            b.append('\n');
        }

        b.append("# The migration runner decides whether a file runs inside a transaction. Detected per file\n");
        b.append("# when not set (docs/runners.md lists them); runner-version: sets its version when it is not in\n");
        b.append("# package.json, go.mod or Cargo.toml.\n");
        if (!d.framework().is(Framework.PLAIN) && d.unanimous()) {
            b.append("framework: ").append(d.framework().id()).append("\n");
        } else {
            b.append("# framework: ").append(d.framework().is(Framework.PLAIN) ? "plain" : d.framework().id()).append('\n');
        }
        if (d.dialects().size() > 1) {
            b.append(commented("# dialect: " + d.dialect().id(), "not set: the migrations are in "
                    + String.join(", ", d.dialects().stream().map(Dialect::id).toList()) + ", detected per file"));
        } else {
            b.append(commented("dialect: " + d.dialect().id(), "postgresql | mysql | sqlite"));
        }
        b.append(commented("# postgres-version: 15", "lock behaviour and defaults depend on it"));
        b.append(commented("transaction: auto", "auto (from the runner and explicit BEGIN) | always | never")).append('\n');

        b.append("# Exit with status 1 when a finding is at least this severe.\n");
        b.append(commented("fail-on: error", "error | warning | notice")).append('\n');

        b.append("# rolling: the previous release serves while migrations run (locks and renames matter).\n");
        b.append("# offline: nothing serves while they run (the app migrates before it serves, or downtime).\n");
        b.append("# deployment: rolling\n\n");
        b.append("# If databases only ever run released versions, what merged since the last release tag is new\n");
        b.append("# (docs/pull-requests.md). Leave it out if anything deploys the main branch.\n");
        b.append("# releases:\n#   tags: \"v*\"\n\n");

        b.append("# Inline ignores must say why: -- migralint-ignore rule-id: reason\n");
        b.append("require-ignore-reason: true\n\n");

        b.append("# Per-rule settings: off | on | error | warning | notice. `migralint rules` lists every rule,\n");
        b.append("# `migralint explain RULE` explains one.\n");
        b.append("rules:\n");
        if (examples.isEmpty()) {
            b.append("  # ban-drop-column: warning\n");
        }
        for (Rule r : examples) {
            String setting = EXAMPLE_RULES.getOrDefault(r.id(), r.severity().id().equals("error") ? "warning" : "error");
            b.append(commented("  # " + r.id() + ": " + setting, "default: " + r.severity().id()));
        }
        b.append('\n');

        b.append("# Directories of your own rules, in the format of the bundled ones.\n");
        b.append("# rule-dirs: [tools/migralint-rules]\n\n");

        b.append("# Findings recorded by `migralint check --write-baseline FILE` are not reported again.\n");
        b.append("# baseline: .migralint-baseline.json\n\n");

        b.append(commented("# lock-timeout: 5s", "what the set-lock-timeout fix writes"));
        b.append(commented("# max-file-size: 16MB", "larger files are reported, not analysed"));
        return b.toString();
    }

    /** A setting with its comment aligned in one column. */
    private static String commented(String setting, String comment) {
        return setting + " ".repeat(Math.max(1, 38 - setting.length())) + "# " + comment + "\n";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
