package dev.migralint.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The npm-installed runners: the root package.json pins them, {@code npm ci} (.ci/run) installs them under
 * node_modules/.bin, and a runner on PATH is the fallback.
 */
final class NodeTools {
    private NodeTools() {
    }

    /** The project's directory (Maven runs tests in it). */
    static Path projectDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** The executable, or null when neither node_modules/.bin nor PATH has it. */
    static Path find(String bin) {
        for (Path dir : new Path[] {projectDir().resolve("node_modules/.bin"), projectDir().resolve(".ci/node_modules/.bin")}) {
            Path p = dir.resolve(bin);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, bin))) {
                    return Path.of(d, bin);
                }
            }
        }
        return null;
    }

    /** The installed version of an npm package beside the executable, or "?" when it cannot be read. */
    static String version(Path bin, String pkg) {
        try {
            Path modules = bin.toRealPath().getParent();
            while (modules != null && !modules.getFileName().toString().equals("node_modules")) {
                modules = modules.getParent();
            }
            Path json = (modules != null ? modules : projectDir().resolve("node_modules")).resolve(pkg).resolve("package.json");
            return new ObjectMapper().readTree(json.toFile()).path("version").asText("?");
        } catch (Exception e) {
            return "?";
        }
    }
}
