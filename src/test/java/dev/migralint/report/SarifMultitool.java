package dev.migralint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Microsoft's SARIF multitool ({@code npm install @microsoft/sarif-multitool}, which .ci/run does from package.json),
 * called as its platform binary: the npm wrapper passes arguments through a shell, which breaks "Sarif;Gh".
 */
final class SarifMultitool {
    /** The validation findings by level and rule id, e.g. {"error GH1015": 2}. */
    record Validation(Map<String, Integer> counts, List<String> errorLines, String output) {
        int count(String level) {
            return counts.entrySet().stream().filter(e -> e.getKey().startsWith(level + " "))
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    private SarifMultitool() {
    }

    /** The binary, or a skipped test when it is not installed. */
    static Path binary() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        Path base = Path.of("node_modules", "@microsoft");
        Path bin = os.contains("win") ? base.resolve("sarif-multitool-win32/Sarif.Multitool.exe")
                : os.contains("mac") ? base.resolve("sarif-multitool-darwin/Sarif.Multitool")
                : base.resolve("sarif-multitool-linux/Sarif.Multitool");
        Assumptions.assumeTrue(Files.isRegularFile(bin),
                "SARIF multitool not installed (npm install in the repository root); skipping");
        if (!Files.isExecutable(bin)) {
            // npm may skip the package's postinstall chmod.
            bin.toFile().setExecutable(true);
        }
        return bin.toAbsolutePath();
    }

    /** Runs {@code validate --rule-kind "Sarif;Gh"} over the files and counts what it reports, notes left out. */
    static Validation validate(Path workDir, List<Path> sarifFiles) throws IOException, InterruptedException {
        Path bin = binary();
        Path out = workDir.resolve("validation.sarif");
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "validate", "--rule-kind", "Sarif;Gh",
                "--level", "Error;Warning", "--max-file-size-in-kb", "1000000", "--output", out.toString()));
        sarifFiles.forEach(p -> cmd.add(p.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("validation.log").toFile());
        pb.environment().put("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        pb.environment().put("DOTNET_NOLOGO", "1");
        pb.environment().putIfAbsent("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
        pb.environment().put("DOTNET_BUNDLE_EXTRACT_BASE_DIR", workDir.resolve("dotnet").toString());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("SARIF multitool timed out");
        }
        String log = Files.readString(workDir.resolve("validation.log"), StandardCharsets.UTF_8);
        if (!Files.isRegularFile(out)) {
            throw new AssertionError("SARIF multitool wrote no output (exit " + p.exitValue() + "):\n" + log);
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        JsonNode log2 = new ObjectMapper().readTree(out.toFile());
        for (JsonNode run : log2.path("runs")) {
            for (JsonNode r : run.path("results")) {
                String level = r.path("level").asText("warning");
                counts.merge(level + " " + r.path("ruleId").asText(), 1, Integer::sum);
            }
            for (JsonNode inv : run.path("invocations")) {
                for (JsonNode n : inv.path("toolExecutionNotifications")) {
                    if (n.path("level").asText("warning").equals("error")) {
                        counts.merge("error tool-execution", 1, Integer::sum);
                    }
                }
            }
        }
        for (String line : log.split("\\R")) {
            if (line.contains(": error ")) {
                errors.add(line);
            }
        }
        if (!log.contains(sarifFiles.size() + " files scanned") && !log.contains(sarifFiles.size() + " file scanned")) {
            throw new AssertionError("SARIF multitool did not scan all " + sarifFiles.size() + " files:\n" + log);
        }
        return new Validation(counts, errors, log);
    }
}
