package dev.migralint.report;

import dev.migralint.Corpus;
import dev.migralint.rules.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Acceptance: Microsoft's SARIF multitool validates our SARIF with the SARIF and GitHub code scanning rule sets and
 * finds no error — for the example migrations, a fixture with suppressions, fixes and unreadable files, and every
 * project of the shared corpus.
 */
class SarifValidationTest {
    @TempDir
    Path work;

    private Path sarif(String name, Path root, Reporters.Options options, String... paths) throws IOException {
        RunResult result = ReportTesting.lint(root, paths);
        Path file = work.resolve(name + ".sarif");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); PrintWriter pw = new PrintWriter(w)) {
            new SarifReporter(options).write(result, pw);
        }
        return file;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void examplesAndFixtureHaveNoErrors() throws Exception {
        SarifMultitool.binary();
        Path project = Path.of("").toAbsolutePath();
        Path fixture = Files.createDirectories(work.resolve("fixture"));
        SarifReporterTest.fixture(fixture);
        List<Path> files = List.of(
                sarif("examples", project, ReportTesting.options(project, Map.of())
                        .withFixes(ReportTesting.realFixes(project)), "examples/migrations"),
                sarif("fixture", fixture, ReportTesting.options(fixture, Map.of(
                        "GITHUB_REPOSITORY", "octo/shop", "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567",
                        "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REF_NAME", "main",
                        "GITHUB_WORKSPACE", fixture.getParent().toString()))
                        .withFixes(ReportTesting.FAKE_FIXES), "db"));
        SarifMultitool.Validation v = SarifMultitool.validate(work, files);
        System.out.println("SARIF multitool (examples + fixture): " + v.counts());
        assertEquals(0, v.count("error"), String.join("\n", v.errorLines()));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void corpusHasNoErrors() throws Exception {
        Path corpus = Corpus.dir();
        SarifMultitool.binary();
        List<Path> files = new ArrayList<>();
        List<Path> projects;
        try (Stream<Path> s = Files.list(corpus)) {
            projects = s.filter(Files::isDirectory).sorted().toList();
        }
        int results = 0;
        long start = System.nanoTime();
        for (Path project : projects) {
            Path f = sarif(project.getFileName().toString(), project, ReportTesting.options(project, Map.of())
                    .withFixes(ReportTesting.realFixes(project)), ".");
            results += new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile())
                    .path("runs").get(0).path("results").size();
            files.add(f);
        }
        long linted = System.nanoTime();
        SarifMultitool.Validation v = SarifMultitool.validate(work, files);
        System.out.printf("timing: lint+sarif %d ms, validate %d ms%n", (linted - start) / 1_000_000,
                (System.nanoTime() - linted) / 1_000_000);
        System.out.printf("SARIF multitool (corpus): %d projects, %d results, %d errors, %d warnings %s%n",
                files.size(), results, v.count("error"), v.count("warning"), v.counts());
        assertEquals(0, v.count("error"), String.join("\n", v.errorLines()));
    }
}
