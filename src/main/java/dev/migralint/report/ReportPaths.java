package dev.migralint.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** Finding paths as the formats want them: URIs relative to the source root, or paths relative to a CI workspace. */
final class ReportPaths {
    private ReportPaths() {
    }

    /** True when the display path is relative (the file lies under the root). */
    static boolean isRelative(String displayPath) {
        if (displayPath.startsWith("/") || displayPath.startsWith("\\") || displayPath.startsWith("../")
                || displayPath.equals("..")) {
            return false;
        }
        return !(displayPath.length() > 1 && displayPath.charAt(1) == ':');
    }

    /** A relative display path as a URI reference: every byte outside RFC 3986's path characters percent-encoded. */
    static String relativeUri(String displayPath) {
        StringBuilder b = new StringBuilder();
        for (byte x : displayPath.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=@".indexOf(c) >= 0;
            if (keep) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** An absolute file URI for a path outside the root. */
    static String absoluteUri(String displayPath) {
        try {
            return Path.of(displayPath).toAbsolutePath().normalize().toUri().toASCIIString();
        } catch (InvalidPathException e) {
            return "file:///" + relativeUri(displayPath.replaceFirst("^/+", ""));
        }
    }

    /** The root directory as a file URI ending in a slash (SARIF's originalUriBaseIds wants the slash). */
    static String rootUri(Path root) {
        String uri = root.toAbsolutePath().normalize().toUri().toASCIIString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The path relative to whichever CI checkout is set (GitHub Actions, then GitLab CI), else the display path. */
    static String ciPath(String displayPath, Path root, Map<String, String> env) {
        for (String variable : new String[] {"GITHUB_WORKSPACE", "CI_PROJECT_DIR"}) {
            if (env.get(variable) != null && !env.get(variable).isBlank()) {
                return workspacePath(displayPath, root, env, variable);
            }
        }
        return displayPath;
    }

    /**
     * The path relative to the CI workspace (GITHUB_WORKSPACE, CI_PROJECT_DIR), which annotations must use: the display
     * path is relative to the configuration root, which may be a subdirectory of the checkout.
     */
    static String workspacePath(String displayPath, Path root, Map<String, String> env, String workspaceVariable) {
        String ws = env.get(workspaceVariable);
        if (ws == null || ws.isBlank()) {
            return displayPath;
        }
        try {
            Path workspace = Path.of(ws).toAbsolutePath().normalize();
            Path file;
            if (isRelative(displayPath)) {
                if (root == null) {
                    return displayPath;
                }
                file = root.toAbsolutePath().normalize().resolve(displayPath).normalize();
            } else {
                file = Path.of(displayPath).toAbsolutePath().normalize();
            }
            if (!file.startsWith(workspace)) {
                return displayPath;
            }
            return workspace.relativize(file).toString().replace('\\', '/');
        } catch (InvalidPathException e) {
            return displayPath;
        }
    }
}
