package dev.migralint.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.migralint.config.Printable;
import dev.migralint.report.WorkflowCommands;
import dev.migralint.rules.Finding;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints a verify run: text, JSON, SARIF 2.1.0 (findings with the trace in their properties) and GitHub workflow
 * annotations with a step-summary table. Lint findings of the changed migrations come along; those whose lock the
 * server showed are marked verified in every format.
 */
public final class VerifyReport {
    private final VerifyResult result;
    private final List<Finding> lint;
    private final List<String> notes;

    public VerifyReport(VerifyResult result, List<Finding> lint, List<String> notes) {
        this.result = result;
        this.lint = lint;
        this.notes = notes;
    }

    /** The trace of a lint finding's statement when the lock it names was observed there, else null. */
    public StatementTrace verifying(Finding f) {
        if (f.lock() == null || f.lock().mode() == null || f.lock().mode().equals("none") || f.statementIndex() < 0) {
            return null;
        }
        for (StatementTrace t : result.traces()) {
            if (t.path().equals(f.path()) && t.statementIndex() == f.statementIndex() && t.direction().equals(f.direction())
                    && t.locks().stream().anyMatch(l -> l.mode().equals(f.lock().mode()))) {
                return t;
            }
        }
        return null;
    }

    public void write(String format, PrintWriter out, Map<String, String> env) throws IOException {
        switch (format) {
            case "json" -> out.println(json(false));
            case "sarif" -> out.println(json(true));
            case "github" -> github(out, env);
            default -> text(out);
        }
        out.flush();
    }

    // ------------------------------------------------------------------------------------------------------- text

    void text(PrintWriter out) {
        out.println("Verified on " + result.server() + (result.startMs() > 0 ? ", started in " + seconds(result.startMs()) : ""));
        for (String n : notes) {
            out.println("note: " + Printable.of(n));
        }
        for (HistoryOutcome h : result.histories()) {
            out.println();
            out.println("History " + h.history() + " (" + h.runner() + "): " + h.baseFiles() + " base migration(s) "
                    + (h.baseFailure() == null ? "replayed" : "NOT replayed") + " in " + seconds(h.timings().getOrDefault("replay", 0L))
                    + "; " + h.changeFiles().size() + " changed");
            if (h.baseFailure() != null) {
                out.println("  the base history does not apply: " + Printable.of(h.baseFailure()));
                out.println("  the change was not verified");
                continue;
            }
            String file = null;
            for (StatementTrace t : h.traces()) {
                if (!(t.path() + " " + t.direction()).equals(file)) {
                    file = t.path() + " " + t.direction();
                    out.println("  " + t.path() + (t.direction().equals("down") ? " (down, rollback check)" : ""));
                }
                out.println(String.format(Locale.ROOT, "    %4d  %-60s %s", t.line(), Printable.of(clip(t.statement(), 60)),
                        describe(t)));
            }
            int noDown = 0;
            for (RollbackOutcome r : h.rollbacks()) {
                if (r.outcome().equals("no-down")) {
                    noDown++;
                } else {
                    out.println("  rollback " + r.path() + ": " + r.outcome() + (r.down() == null ? "" : " (" + r.down() + ")")
                            + (r.outcome().equals("restored") ? "" : ": " + Printable.of(r.detail())));
                }
            }
            if (noDown > 0) {
                out.println("  rollback: " + noDown + " changed migration(s) have no down migration; not checked");
            }
        }
        out.println();
        int errors = 0;
        int warnings = 0;
        for (VerifyFinding f : result.findings()) {
            out.println(f.path() + (f.line() > 0 ? ":" + f.line() : "") + ": " + f.severity() + "[" + f.ruleId() + "]: "
                    + Printable.of(f.message()));
            errors += f.severity().equals("error") ? 1 : 0;
            warnings += f.severity().equals("warning") ? 1 : 0;
        }
        int verified = 0;
        for (Finding f : lint) {
            StatementTrace t = verifying(f);
            if (t != null) {
                verified++;
                out.println(f.path() + ":" + f.line() + ": " + f.severity().name().toLowerCase(Locale.ROOT) + "[" + f.ruleId()
                        + "] verified: " + f.lock().mode() + " observed on the server — " + f.message());
            }
        }
        out.println((errors == 0 ? "VERIFIED" : "VERIFY FAILED") + ": " + result.traces().size() + " statements traced, "
                + errors + " error(s), " + warnings + " warning(s) from the server; " + verified + " lint finding(s) verified");
    }

    static String describe(StatementTrace t) {
        StringBuilder b = new StringBuilder();
        if (t.error() != null) {
            b.append("FAILED: ").append(Printable.of(t.error()));
            return b.append(" (").append(t.transaction()).append(")").toString();
        }
        b.append(locks(t)).append("; ").append(t.rewritten().isEmpty() ? "no rewrite" : "REWRITE " + String.join(", ", t.rewritten()));
        if (!t.scanned().isEmpty()) {
            b.append("; scan ").append(String.join(", ", t.scanned()));
        }
        b.append("; ").append(millis(t.micros()));
        if (t.mismatch() != null) {
            b.append("; MISMATCH");
        }
        return b.toString();
    }

    static String locks(StatementTrace t) {
        if (t.locks().isEmpty()) {
            return t.sampled() ? "no lock seen (sampled)" : "no new lock";
        }
        Map<String, String> strongest = new LinkedHashMap<>();
        for (ObservedLock l : t.locks()) {
            strongest.merge(l.relation(), l.mode(), (a, b) -> ObservedLock.strength(a) >= ObservedLock.strength(b) ? a : b);
        }
        List<String> parts = new ArrayList<>();
        strongest.forEach((r, m) -> parts.add(m + " " + r));
        return String.join(", ", parts) + (t.sampled() ? " (sampled)" : "");
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    // ---------------------------------------------------------------------------------------------- json, sarif

    private String json(boolean sarif) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        return mapper.writeValueAsString(sarif ? sarif() : plain());
    }

    private Map<String, Object> plain() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", result.server());
        m.put("serverStartMs", result.startMs());
        m.put("notes", notes);
        m.put("histories", result.histories());
        m.put("findings", result.findings());
        List<Map<String, Object>> lintOut = new ArrayList<>();
        for (Finding f : lint) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("ruleId", f.ruleId());
            l.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            l.put("path", f.path());
            l.put("line", f.line());
            l.put("message", f.message());
            l.put("lock", f.lock() == null ? null : f.lock().mode());
            StatementTrace t = verifying(f);
            l.put("verified", t != null);
            lintOut.add(l);
        }
        m.put("lintFindings", lintOut);
        return m;
    }

    private Map<String, Object> sarif() {
        List<Map<String, Object>> results = new ArrayList<>();
        Set<String> ruleIds = new LinkedHashSet<>();
        for (VerifyFinding f : result.findings()) {
            ruleIds.add(f.ruleId());
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("source", "migralint verify");
            props.put("verified", true);
            List<StatementTrace> traces = result.traces().stream()
                    .filter(t -> t.path().equals(f.path()) && t.line() == f.line()).toList();
            if (!traces.isEmpty()) {
                props.put("trace", traces);
            }
            results.add(result(f.ruleId(), level(f.severity()), f.message(), f.path(), f.line(), props));
        }
        for (Finding f : lint) {
            ruleIds.add(f.ruleId());
            Map<String, Object> props = new LinkedHashMap<>();
            StatementTrace t = verifying(f);
            props.put("verified", t != null);
            if (t != null) {
                props.put("trace", t);
            }
            results.add(result(f.ruleId(), level(f.severity().name().toLowerCase(Locale.ROOT)),
                    (t != null ? "[verified] " : "") + f.message(), f.path(), f.line(), props));
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String id : ruleIds) {
            rules.add(Map.of("id", id));
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "migralint");
        driver.put("informationUri", "https://github.com/migralint/migralint");
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        run.put("properties", Map.of("server", result.server(), "statementsTraced", result.traces().size()));
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static Map<String, Object> result(String rule, String level, String message, String path, int line,
                                              Map<String, Object> props) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ruleId", rule);
        r.put("level", level);
        r.put("message", Map.of("text", message));
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", path));
        physical.put("region", Map.of("startLine", Math.max(1, line)));
        r.put("locations", List.of(Map.of("physicalLocation", physical)));
        r.put("properties", props);
        return r;
    }

    private static String level(String severity) {
        return switch (severity) {
            case "error" -> "error";
            case "warning" -> "warning";
            default -> "note";
        };
    }

    // ------------------------------------------------------------------------------------------------------ github

    private void github(PrintWriter out, Map<String, String> env) throws IOException {
        for (VerifyFinding f : result.findings()) {
            String cmd = f.severity().equals("error") ? "error" : f.severity().equals("warning") ? "warning" : "notice";
            out.println("::" + cmd + " file=" + WorkflowCommands.escapeProperty(f.path())
                    + (f.line() > 0 ? ",line=" + f.line() : "") + ",title=" + WorkflowCommands.escapeProperty("migralint verify: " + f.ruleId())
                    + "::" + WorkflowCommands.escapeData(f.message()));
        }
        for (Finding f : lint) {
            StatementTrace t = verifying(f);
            if (t != null) {
                out.println("::notice file=" + WorkflowCommands.escapeProperty(f.path()) + ",line=" + f.line() + ",title="
                        + WorkflowCommands.escapeProperty(f.ruleId() + " (verified)") + "::"
                        + WorkflowCommands.escapeData("verified: " + f.lock().mode() + " observed on the server — " + f.message()));
            }
        }
        text(out);
        String summary = env.get("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            Files.writeString(Path.of(summary), summary(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** The step summary: one table row per traced statement. */
    String summary() {
        StringBuilder b = new StringBuilder("## migralint verify\n\n").append("On ").append(result.server()).append(".\n\n");
        b.append("| statement | lock observed | rewrite | duration |\n|---|---|---|---|\n");
        for (StatementTrace t : result.traces()) {
            b.append("| `").append(cell(t.path() + ":" + t.line())).append("` ").append(cell(clip(t.statement(), 80)))
                    .append(t.direction().equals("down") ? " (down)" : "").append(" | ")
                    .append(cell(t.error() != null ? "failed: " + t.error() : locks(t)))
                    .append(t.mismatch() != null ? " ⚠ model mismatch" : "").append(" | ")
                    .append(t.rewritten().isEmpty() ? "no" : "yes: " + cell(String.join(", ", t.rewritten()))).append(" | ")
                    .append(millis(t.micros())).append(" |\n");
        }
        List<VerifyFinding> fs = result.findings();
        if (!fs.isEmpty()) {
            b.append("\n");
            for (VerifyFinding f : fs) {
                b.append("- **").append(f.severity()).append("** `").append(f.ruleId()).append("` ").append(cell(f.path()))
                        .append(f.line() > 0 ? ":" + f.line() : "").append(": ").append(cell(f.message())).append("\n");
            }
        }
        return b.append("\n").toString();
    }

    private static String cell(String s) {
        return Printable.of(s).replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }
}
