package dev.migralint.report;

import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RunResult;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format gitlab}: a GitLab Code Quality report (a JSON array of issues) for a merge request's code quality
 * widget. Findings ignored inline are left out. Paths are made relative to {@code CI_PROJECT_DIR}.
 */
public final class GitLabReporter implements Reporter {
    public static final String WORKSPACE_VARIABLE = "CI_PROJECT_DIR";
    private final Reporters.Options options;
    private final Map<String, List<String>> tags = new HashMap<>();

    public GitLabReporter(Reporters.Options options) {
        this.options = options;
        for (Rule r : options.rules()) {
            tags.put(r.id(), r.tags());
        }
    }

    @Override
    public void write(RunResult result, PrintWriter out) {
        JsonEscapes.document(out, g -> {
            g.writeStartArray();
            for (FileResult file : result.files()) {
                Map<Finding, String> fingerprints = Fingerprints.of(file);
                List<Finding> findings = FindingOrder.unsuppressed(file);
                for (Finding f : findings) {
                    String path = ReportPaths.workspacePath(f.path(), options.root(), options.env(), WORKSPACE_VARIABLE);
                    g.writeStartObject();
                    g.writeStringField("type", "issue");
                    g.writeStringField("description", f.message() + (f.down() ? " (down migration)" : ""));
                    g.writeStringField("check_name", f.ruleId());
                    // Unique across the report: the statement fingerprint is path-independent, so add the path.
                    g.writeStringField("fingerprint", Fingerprints.sha256(path + "\u0000" + fingerprints.get(f))
                            .substring(0, 32));
                    g.writeStringField("severity", severity(f));
                    g.writeArrayFieldStart("categories");
                    g.writeString(category(f));
                    g.writeEndArray();
                    g.writeObjectFieldStart("location");
                    g.writeStringField("path", path);
                    g.writeObjectFieldStart("lines");
                    g.writeNumberField("begin", Math.max(1, f.line()));
                    g.writeNumberField("end", Math.max(f.line(), f.endLine()));
                    g.writeEndObject();
                    g.writeEndObject();
                    StringBuilder body = new StringBuilder();
                    if (f.lock() != null && f.lock().mode() != null && !"none".equals(f.lock().mode())) {
                        body.append("Lock: ").append(f.lock().mode()).append("; blocks ").append(f.lock().blocks())
                                .append(".\n\n");
                    }
                    if (f.help() != null) {
                        body.append(f.help()).append("\n\n");
                    }
                    body.append("See ").append(Docs.ruleUrl(f.ruleId()));
                    g.writeObjectFieldStart("content");
                    g.writeStringField("body", body.toString());
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        });
        out.flush();
    }

    /**
     * error: blocker when it loses data, else critical; warning: major; notice: minor, or info for what migralint
     * could not analyse.
     */
    String severity(Finding f) {
        List<String> t = tags.getOrDefault(f.ruleId(), List.of());
        return switch (f.severity()) {
            case ERROR -> t.contains("data-loss") ? "blocker" : "critical";
            case WARNING -> "major";
            case NOTICE -> t.contains("parser") ? "info" : "minor";
        };
    }

    private String category(Finding f) {
        List<String> t = tags.getOrDefault(f.ruleId(), List.of());
        if (t.contains("data-loss") || t.contains("compatibility")) {
            return "Bug Risk";
        }
        if (t.contains("locking") || t.contains("rewrite") || t.contains("index")) {
            return "Performance";
        }
        return t.contains("parser") ? "Clarity" : "Bug Risk";
    }
}
