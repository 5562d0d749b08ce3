package dev.migralint.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.migralint.config.Severity;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;

import java.io.IOException;
import java.io.PrintWriter;

/** The JSON format documented in docs/json-format.md. Written with a streaming generator: no model to build. */
public record JsonReporter(String toolVersion) implements Reporter {
    public static final int FORMAT_VERSION = 1;

    @Override
    public void write(RunResult result, PrintWriter out) {
        JsonEscapes.document(out, g -> {
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "migralint");
            g.writeStringField("version", toolVersion);
            g.writeEndObject();
            g.writeObjectFieldStart("verdict");
            g.writeBooleanField("safe", result.safe());
            g.writeStringField("failOn", result.failOn().id());
            g.writeNumberField("errors", result.count(Severity.ERROR));
            g.writeNumberField("warnings", result.count(Severity.WARNING));
            g.writeNumberField("notices", result.count(Severity.NOTICE));
            g.writeNumberField("files", result.files().size());
            g.writeNumberField("statements", result.statementCount());
            g.writeNumberField("elapsedMillis", result.elapsedMillis());
            g.writeEndObject();
            g.writeArrayFieldStart("files");
            for (FileResult f : result.files()) {
                g.writeStartObject();
                g.writeStringField("path", f.path());
                g.writeBooleanField("analysed", f.analyzed() != null);
                if (f.analyzed() != null) {
                    g.writeStringField("dialect", f.analyzed().parsed().dialect().id());
                    g.writeStringField("framework", f.analyzed().framework().id());
                    g.writeStringField("transaction", f.analyzed().transactionAssumption());
                    g.writeNumberField("statements", f.statementCount());
                } else {
                    g.writeStringField("problem", f.loaded().problem());
                }
                g.writeArrayFieldStart("findings");
                for (Finding x : f.findings()) {
                    writeFinding(g, x);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", f.ruleId());
        g.writeStringField("severity", f.severity().id());
        g.writeStringField("path", f.path());
        g.writeNumberField("line", f.line());
        g.writeNumberField("column", f.column());
        g.writeNumberField("endLine", f.endLine());
        g.writeNumberField("endColumn", f.endColumn());
        g.writeNumberField("startOffset", f.span().start());
        g.writeNumberField("endOffset", f.span().end());
        g.writeStringField("message", f.message());
        if (f.help() != null) {
            g.writeStringField("help", f.help());
        }
        if (f.lock() != null && f.lock().mode() != null) {
            g.writeObjectFieldStart("lock");
            g.writeStringField("mode", f.lock().mode());
            g.writeStringField("blocks", f.lock().blocks());
            g.writeBooleanField("rewritesTable", f.lock().rewrites());
            g.writeBooleanField("scansTable", f.lock().scans());
            g.writeEndObject();
        }
        if (f.fix() != null) {
            g.writeStringField("fix", f.fix().name());
        }
        g.writeStringField("direction", f.direction());
        if (f.unchangedLine()) {
            g.writeBooleanField("unchangedLine", true);
        }
        g.writeBooleanField("suppressed", f.suppressed());
        if (f.suppressed()) {
            g.writeStringField("suppressionReason", f.suppressedBy().reason());
        }
        g.writeEndObject();
    }
}
