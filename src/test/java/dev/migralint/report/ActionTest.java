package dev.migralint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.cli.CheckCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance for action.yml: it passes action-validator, its run: scripts never splice expressions, and its shell
 * steps, run locally with bash and the environment the runner would give them (fake GITHUB_* variables, a temp git
 * repository with a pull request's branch), leave the annotations, the step summary and the SARIF file.
 */
class ActionTest {
    private static final Path ACTION = Path.of("action.yml");
    private static final Path WORKFLOW = Path.of("examples/github-workflow.yml");
    private static final Path FORK_WORKFLOW = Path.of("examples/github-workflow-fork-review.yml");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static Map<String, Object> action() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return (Map<String, Object>) yaml.load(Files.readString(ACTION, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps() throws IOException {
        Map<String, Object> runs = (Map<String, Object>) action().get("runs");
        assertEquals("composite", runs.get("using"));
        return (List<Map<String, Object>>) runs.get("steps");
    }

    // ------------------------------------------------------------------ static checks

    @Test
    void passesActionValidator() throws Exception {
        Path bin = Path.of("node_modules/.bin/action-validator");
        Assumptions.assumeTrue(Files.isExecutable(bin), "action-validator not installed (npm install); skipping");
        for (Path file : List.of(ACTION, WORKFLOW, FORK_WORKFLOW)) {
            Process p = new ProcessBuilder(bin.toAbsolutePath().toString(), file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), file + ":\n" + out);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void runScriptsNeverSpliceExpressions() throws Exception {
        int scripts = 0;
        for (Map<String, Object> step : steps()) {
            if (step.containsKey("run")) {
                scripts++;
                String run = (String) step.get("run");
                assertFalse(run.contains("${{"), "step '" + step.get("name") + "' splices an expression into its script");
                assertEquals("bash", step.get("shell"), "step '" + step.get("name") + "'");
            }
        }
        assertTrue(scripts >= 3, "key, build, check and verdict steps");
        Map<String, Object> inputs = (Map<String, Object>) action().get("inputs");
        assertEquals(List.of("paths", "base-ref", "fail-on", "config", "upload-sarif", "verify", "java-version", "review",
                        "pull-request", "github-token"),
                new ArrayList<>(inputs.keySet()));
        String text = Files.readString(ACTION, StandardCharsets.UTF_8);
        assertTrue(text.contains("actions/setup-java@"), "sets up Java");
        assertTrue(text.contains("actions/cache@"), "caches the build");
        assertTrue(text.contains("github/codeql-action/upload-sarif@"), "uploads SARIF");
        assertTrue(text.contains("check --changed --format github --sarif"), "runs check --changed");
        String workflow = Files.readString(WORKFLOW, StandardCharsets.UTF_8);
        assertTrue(workflow.contains("fetch-depth: 0"), workflow);
        assertTrue(workflow.contains("pull-requests: write") && workflow.contains("review: 'true'"), workflow);
        assertTrue(text.contains("review \"${pr[@]}\" \"${args[@]}\""), "the review step runs migralint review");
    }

    // ------------------------------------------------------------------ running the steps

    /** What one step left behind. */
    record StepRun(String name, int exit, String stdout, Map<String, String> outputs) {}

    /** Runs the action's shell steps in order, as the runner would: bash -eo pipefail, env from env: and GITHUB_ENV. */
    final class Runner {
        final Path workspace;
        final Path actionPath;
        final Map<String, String> inputs = new LinkedHashMap<>();
        final Map<String, String> baseEnv = new HashMap<>();
        final Map<String, Map<String, String>> stepOutputs = new HashMap<>();
        final Path summary;
        final Path envFile;
        final Path runnerTemp;

        @SuppressWarnings("unchecked")
        Runner(Path workspace, Path actionPath, Map<String, String> given) throws IOException, InterruptedException {
            this.workspace = workspace;
            this.actionPath = actionPath;
            Map<String, Object> declared = (Map<String, Object>) action().get("inputs");
            declared.forEach((k, v) -> inputs.put(k, String.valueOf(((Map<String, Object>) v).getOrDefault("default", ""))));
            inputs.putAll(given);
            runnerTemp = Files.createDirectories(tmp.resolve("runner-temp"));
            summary = tmp.resolve("step-summary.md");
            envFile = tmp.resolve("github-env");
            Files.writeString(envFile, "");
            String path = Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH");
            baseEnv.put("PATH", path);
            baseEnv.put("HOME", System.getProperty("user.home"));
            baseEnv.put("CI", "true");
            baseEnv.put("GITHUB_ACTIONS", "true");
            baseEnv.put("GITHUB_WORKSPACE", workspace.toString());
            baseEnv.put("GITHUB_ACTION_PATH", actionPath.toString());
            baseEnv.put("GITHUB_STEP_SUMMARY", summary.toString());
            baseEnv.put("GITHUB_ENV", envFile.toString());
            baseEnv.put("GITHUB_EVENT_NAME", "pull_request");
            baseEnv.put("GITHUB_BASE_REF", "main");
            baseEnv.put("GITHUB_HEAD_REF", "feature");
            baseEnv.put("GITHUB_REPOSITORY", "octo/shop");
            baseEnv.put("GITHUB_SERVER_URL", "https://github.com");
            baseEnv.put("GITHUB_SHA", git(workspace, "rev-parse", "HEAD").strip());
            baseEnv.put("RUNNER_TEMP", runnerTemp.toString());
            baseEnv.put("RUNNER_OS", "Linux");
            baseEnv.put("MIGRALINT_CACHE_DIR", tmp.resolve("cache").toString());
            baseEnv.put("XDG_CACHE_HOME", tmp.resolve("xdg-cache").toString());
        }

        String evaluate(String value) {
            Matcher m = EXPRESSION.matcher(value);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, Matcher.quoteReplacement(lookup(m.group(1))));
            }
            m.appendTail(b);
            return b.toString();
        }

        private String lookup(String expr) {
            if (expr.startsWith("inputs.")) {
                String v = inputs.get(expr.substring(7));
                assertNotNull(v, "undeclared input " + expr);
                return v;
            }
            if (expr.startsWith("steps.")) {
                String[] parts = expr.split("\\.");
                assertEquals("outputs", parts[2], expr);
                return stepOutputs.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
            }
            return switch (expr) {
                case "runner.temp" -> runnerTemp.toString();
                case "runner.os" -> "Linux";
                case "github.action_path" -> actionPath.toString();
                case "github.workspace" -> workspace.toString();
                default -> throw new AssertionError("the test cannot evaluate ${{ " + expr + " }}");
            };
        }

        @SuppressWarnings("unchecked")
        List<StepRun> runAll() throws Exception {
            List<StepRun> runs = new ArrayList<>();
            for (Map<String, Object> step : steps()) {
                if (!step.containsKey("run")) {
                    continue; // uses: steps (setup-java, cache, upload-sarif) need the real runner
                }
                assertFalse(step.containsKey("if"), "shell steps run unconditionally");
                Path script = tmp.resolve("step-" + runs.size() + ".sh");
                Files.writeString(script, (String) step.get("run"), StandardCharsets.UTF_8);
                Path output = tmp.resolve("github-output-" + runs.size());
                Files.writeString(output, "");
                ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                        .directory(workspace.toFile());
                Map<String, String> env = pb.environment();
                env.clear();
                env.putAll(baseEnv);
                env.putAll(readKeyValues(envFile));
                env.put("GITHUB_OUTPUT", output.toString());
                Map<String, Object> stepEnv = (Map<String, Object>) step.getOrDefault("env", Map.of());
                stepEnv.forEach((k, v) -> env.put(k, evaluate(String.valueOf(v))));
                Path stdout = tmp.resolve("stdout-" + runs.size());
                pb.redirectOutput(stdout.toFile()).redirectError(tmp.resolve("stderr-" + runs.size()).toFile());
                Process p = pb.start();
                assertTrue(p.waitFor(5, TimeUnit.MINUTES), "step timed out: " + step.get("name"));
                Map<String, String> outputs = readKeyValues(output);
                if (step.get("id") != null) {
                    stepOutputs.put(String.valueOf(step.get("id")), outputs);
                }
                runs.add(new StepRun(String.valueOf(step.get("name")), p.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8), outputs));
                if (p.exitValue() != 0) {
                    break; // the runner stops at a failing step
                }
            }
            return runs;
        }
    }

    private static Map<String, String> readKeyValues(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    /**
     * An action directory whose jar runs this build's classes: the sources the key step hashes, and a launcher jar
     * whose manifest class path is the test's class path (building with Maven inside Maven is not this test's job).
     */
    private Path actionDir() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("action"));
        Path project = Path.of("").toAbsolutePath();
        Files.copy(ACTION, dir.resolve("action.yml"));
        Files.copy(project.resolve("pom.xml"), dir.resolve("pom.xml"));
        Files.createSymbolicLink(dir.resolve("rules"), project.resolve("rules"));
        Files.createSymbolicLink(dir.resolve("runners"), project.resolve("runners"));
        Files.createDirectories(dir.resolve("src"));
        Files.createSymbolicLink(dir.resolve("src/main"), project.resolve("src/main"));
        Path jar = Files.createDirectories(dir.resolve("target")).resolve("migralint.jar");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" "));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.migralint.cli.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return dir;
    }

    /** A repository with a merged history on main and a pull request branch, as a fetch-depth 0 checkout has it. */
    private Path repository(Map<String, String> prFiles) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        git(repo, "init", "-q");
        ReportTesting.write(repo.resolve(".migralint.yml"), "include: [\"db/migrations/*.sql\"]\n");
        // Already merged, and unsafe: --changed must leave it alone.
        ReportTesting.write(repo.resolve("db/migrations/001_init.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);\nDROP TABLE old_users;\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "init");
        git(repo, "update-ref", "refs/remotes/origin/main", "HEAD");
        git(repo, "checkout", "-q", "-b", "feature");
        for (Map.Entry<String, String> e : prFiles.entrySet()) {
            ReportTesting.write(repo.resolve(e.getKey()), e.getValue());
        }
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "change");
        return repo;
    }

    private static void assumeReady() throws Exception {
        Assumptions.assumeTrue(new CommandLine(new CheckCommand()).getCommandSpec().findOption("--changed") != null,
                "check --changed is not implemented yet; skipping");
        try {
            Process p = new ProcessBuilder("git", "--version").start();
            Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "git not available");
        } catch (IOException e) {
            Assumptions.abort("git not available");
        }
    }

    private static StepRun step(List<StepRun> runs, String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("step '" + name + "' did not run: " + runs));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void unsafePullRequestIsAnnotatedSummarisedAndFails() throws Exception {
        assumeReady();
        String hostile = "db/migrations/003_$(touch PWNED)`touch PWNED2`;touch PWNED3.sql";
        Map<String, String> pr = new LinkedHashMap<>();
        pr.put("db/migrations/002_add_index.sql", "CREATE INDEX users_email_idx ON users (email);\n");
        pr.put(hostile, "ALTER TABLE users DROP COLUMN legacy;\n");
        Path repo = repository(pr);
        Runner runner = new Runner(repo, actionDir(), Map.of("upload-sarif", "false"));
        List<StepRun> runs = runner.runAll();

        StepRun key = step(runs, "Compute the build cache key");
        assertEquals(0, key.exit());
        assertTrue(key.outputs().getOrDefault("hash", "").matches("[0-9a-f]{20}"), key.outputs().toString());
        assertEquals(0, step(runs, "Build migralint").exit(), "the launcher jar needs no build");

        StepRun check = step(runs, "Check migrations");
        assertEquals(0, check.exit(), "the check step records the exit code instead of failing: " + check.stdout());
        assertEquals("1", check.outputs().get("exit-code"), check.stdout());
        String out = check.stdout();
        assertTrue(out.contains("::error file=db/migrations/002_add_index.sql,line=1,endLine=1,col=1,endColumn="), out);
        assertTrue(out.contains("title=migralint require-concurrent-index::"), out);
        assertTrue(out.contains("file=db/migrations/003_$(touch PWNED)`touch PWNED2`;touch PWNED3.sql,line=1"), out);
        assertFalse(out.contains("001_init.sql"), "a migration merged before is not re-linted:\n" + out);
        assertTrue(out.contains("migralint: NOT SAFE TO DEPLOY"), out);
        for (String name : List.of("PWNED", "PWNED2", "PWNED3")) {
            assertFalse(Files.exists(repo.resolve(name)), "a file name was evaluated by a shell");
            assertFalse(Files.exists(runner.actionPath.resolve(name)), "a file name was evaluated by a shell");
        }

        String summary = Files.readString(runner.summary, StandardCharsets.UTF_8);
        assertTrue(summary.contains("NOT SAFE TO DEPLOY"), summary);
        assertTrue(summary.contains("002\\_add\\_index.sql"), summary);
        assertTrue(summary.contains("Deployment checklist"), summary);
        assertTrue(summary.contains("Back up before deploying"), summary);
        assertFalse(summary.contains("<code>db/migrations/001"), summary);

        Path sarif = Path.of(check.outputs().get("sarif-file"));
        assertEquals(runner.runnerTemp.resolve("migralint.sarif"), sarif);
        JsonNode run = new ObjectMapper().readTree(sarif.toFile()).path("runs").get(0);
        List<String> uris = new ArrayList<>();
        run.path("results").forEach(r -> uris.add(
                r.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText()));
        assertTrue(uris.contains("db/migrations/002_add_index.sql"), uris.toString());
        assertFalse(uris.stream().anyMatch(u -> u.contains("001_init")), uris.toString());
        String repoUri = repo.toUri().toString();
        assertEquals(repoUri.endsWith("/") ? repoUri : repoUri + "/",
                run.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText());
        assertEquals("https://github.com/octo/shop",
                run.path("versionControlProvenance").get(0).path("repositoryUri").asText());

        // No event payload here: the review finds no pull request, posts nothing and never fails the job.
        StepRun review = step(runs, "Review the pull request");
        assertEquals(0, review.exit(), review.stdout());
        assertFalse(review.stdout().contains("::warning"), review.stdout());

        StepRun verdict = step(runs, "Verdict");
        assertEquals(1, verdict.exit(), "the action fails the job on unsafe migrations");
        assertTrue(verdict.stdout().startsWith("::error title=migralint::Unsafe migrations"), verdict.stdout());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void safePullRequestPasses() throws Exception {
        assumeReady();
        Path repo = repository(Map.of("db/migrations/002_add_column.sql",
                "ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text;\n"));
        // Two lines: one path per line, surrounding blanks trimmed, globs left to migralint.
        Runner runner = new Runner(repo, actionDir(), Map.of("fail-on", "error",
                "paths", "db/migrations\n  db/migrations/*.sql  \n"));
        List<StepRun> runs = runner.runAll();
        StepRun check = step(runs, "Check migrations");
        assertEquals("0", check.outputs().get("exit-code"), check.stdout());
        assertTrue(check.stdout().contains("migralint: SAFE TO DEPLOY"), check.stdout());
        assertEquals(0, step(runs, "Verdict").exit());
        String summary = Files.readString(runner.summary, StandardCharsets.UTF_8);
        assertTrue(summary.contains("SAFE TO DEPLOY"), summary);
        assertTrue(Files.size(Path.of(check.outputs().get("sarif-file"))) > 0);
    }
}
