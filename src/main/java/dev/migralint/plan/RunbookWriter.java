package dev.migralint.plan;

import java.util.List;

/** Writes a runbook as Markdown (PR comment, step summary), plain text, or JSON. */
public final class RunbookWriter {
    private final String lockTimeout;

    public RunbookWriter(String lockTimeout) {
        this.lockTimeout = lockTimeout == null ? "5s" : lockTimeout;
    }

    public String write(Runbook r, String format) {
        return switch (format) {
            case "markdown" -> markdown(r);
            case "json" -> json(r);
            default -> text(r);
        };
    }

    // ---- Markdown ----

    public String markdown(Runbook r) {
        StringBuilder b = new StringBuilder();
        b.append("# Deployment runbook\n\n");
        b.append("**Verdict:** ").append(md(r.verdict())).append("\n\n");
        b.append("## 1. Before deploying\n\n");
        items(b, r.before(), "Nothing to prepare: no statement loses data, needs a newer server, or takes a blocking lock"
                + " on an existing table.");
        b.append("## 2. Migrations, in order\n\n");
        for (MigrationPlan p : r.migrations()) {
            b.append("### ").append(md(p.path())).append("\n\n");
            if (p.problem() != null) {
                b.append("Could not plan this file: ").append(md(p.problem())).append(".\n\n");
                continue;
            }
            for (String f : p.fileFindings()) {
                b.append("- ").append(md(f)).append('\n');
            }
            if (!p.fileFindings().isEmpty()) {
                b.append('\n');
            }
            if (p.steps().isEmpty()) {
                b.append("No statements.\n\n");
                continue;
            }
            b.append("| Line | Statement | Lock | Blocks | Rewrite / scan | Duration | Findings | Rollback |\n");
            b.append("|---:|---|---|---|---|---|---|---|\n");
            for (Step s : p.steps()) {
                b.append("| ").append(s.line()).append(" | ").append(code(s.statement())).append(" | ")
                        .append(md(s.lock() == null ? "unknown" : s.lock())).append(" | ")
                        .append(md(s.newTable() ? "nothing (new table)" : s.blocks())).append(" | ")
                        .append(s.rewrites() ? "rewrite" : s.scans() ? "scan" : "").append(" | ")
                        .append(md(s.duration().text())).append(" | ")
                        .append(md(String.join(", ", s.findings()))).append(" | ")
                        .append(undo(s.inverse())).append(" |\n");
            }
            b.append('\n');
            List<Step> unplanned = p.unplanned();
            if (!unplanned.isEmpty()) {
                b.append("**Could not plan:**\n\n");
                for (Step s : unplanned) {
                    b.append("- line ").append(s.line()).append(": ").append(code(s.statement())).append(" — ")
                            .append(md(s.inverse().reason())).append('\n');
                }
                b.append('\n');
            }
        }
        b.append("## 3. Rollback scripts\n\n");
        b.append("Run a migration's script with `psql -v ON_ERROR_STOP=1 -f` (autocommit), newest migration first.\n\n");
        for (int i = r.migrations().size() - 1; i >= 0; i--) {
            MigrationPlan p = r.migrations().get(i);
            b.append("### ").append(md(p.path())).append(p.irreversible() ? " (IRREVERSIBLE in part)" : "").append("\n\n");
            b.append("```sql\n").append(RollbackScript.of(p, lockTimeout).replace("```", "` ` `")).append("```\n\n");
        }
        b.append("## 4. After deploying\n\n");
        items(b, r.after(), "Nothing beyond the usual: the application works, no errors in its log.");
        return b.toString();
    }

    private static void items(StringBuilder b, List<Item> items, String none) {
        if (items.isEmpty()) {
            b.append(none).append("\n\n");
            return;
        }
        for (Item it : items) {
            b.append("- [ ] ").append(md(it.text()));
            if (!it.because().isEmpty()) {
                b.append(" (").append(md(String.join(", ", limit(it.because())))).append(')');
            }
            b.append('\n');
            if (!it.commands().isEmpty()) {
                b.append("  ```\n");
                for (String c : it.commands()) {
                    b.append("  ").append(c.replace("```", "` ` `").replace("\n", " ")).append('\n');
                }
                b.append("  ```\n");
            }
        }
        b.append('\n');
    }

    private static List<String> limit(List<String> l) {
        if (l.size() <= 8) {
            return l;
        }
        List<String> out = new java.util.ArrayList<>(l.subList(0, 8));
        out.add("and " + (l.size() - 8) + " more");
        return out;
    }

    private static String undo(Inverse inv) {
        return switch (inv.kind()) {
            case EXACT -> "reversible";
            case NOTHING -> "nothing to undo";
            case IRREVERSIBLE -> "**irreversible**";
            case UNPLANNED -> "**not planned**";
        };
    }

    /** Markdown text from a migration: no HTML, no table breaks, no links or emphasis it did not ask for. */
    static String md(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '|', '*', '[', ']', '`', '\\', '#' -> b.append('\\').append(c);
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A code span; a backtick inside one cannot be escaped, so it becomes a quote. */
    static String code(String s) {
        return "`" + s.replace('`', '\'').replace("|", "\\|") + "`";
    }

    // ---- text ----

    public String text(Runbook r) {
        StringBuilder b = new StringBuilder();
        b.append("DEPLOYMENT RUNBOOK\n\n").append(r.verdict()).append("\n\n");
        b.append("1. BEFORE DEPLOYING\n");
        textItems(b, r.before());
        b.append("\n2. MIGRATIONS, IN ORDER\n");
        for (MigrationPlan p : r.migrations()) {
            b.append("\n").append(p.path()).append('\n');
            if (p.problem() != null) {
                b.append("  could not plan this file: ").append(p.problem()).append('\n');
                continue;
            }
            p.fileFindings().forEach(f -> b.append("  ").append(f).append('\n'));
            for (Step s : p.steps()) {
                b.append("  line ").append(s.line()).append(": ").append(s.statement()).append('\n');
                b.append("    lock ").append(s.lock() == null ? "unknown" : s.lock()).append(", blocks ")
                        .append(s.newTable() ? "nothing (new table)" : s.blocks())
                        .append(s.rewrites() ? ", rewrites the table" : s.scans() ? ", scans the table" : "")
                        .append("; duration ").append(s.duration().text())
                        .append("; rollback: ").append(undo(s.inverse()).replace("*", ""));
                if (!s.findings().isEmpty()) {
                    b.append("; findings: ").append(String.join(", ", s.findings()));
                }
                if (s.inverse().kind() == Inverse.Kind.UNPLANNED) {
                    b.append(" (").append(s.inverse().reason()).append(')');
                }
                b.append('\n');
            }
        }
        b.append("\n3. ROLLBACK SCRIPTS (newest first)\n");
        for (int i = r.migrations().size() - 1; i >= 0; i--) {
            b.append('\n').append(RollbackScript.of(r.migrations().get(i), lockTimeout));
        }
        b.append("\n4. AFTER DEPLOYING\n");
        textItems(b, r.after());
        return b.toString();
    }

    private static void textItems(StringBuilder b, List<Item> items) {
        if (items.isEmpty()) {
            b.append("  (nothing)\n");
        }
        for (Item it : items) {
            b.append("  [ ] ").append(it.text());
            if (!it.because().isEmpty()) {
                b.append(" (").append(String.join(", ", limit(it.because()))).append(')');
            }
            b.append('\n');
            it.commands().forEach(c -> b.append("      ").append(c).append('\n'));
        }
    }

    // ---- JSON ----

    public String json(Runbook r) {
        StringBuilder b = new StringBuilder();
        b.append("{\"safe\":").append(r.safe()).append(",\"verdict\":").append(q(r.verdict()));
        b.append(",\"before\":");
        jsonItems(b, r.before());
        b.append(",\"migrations\":[");
        for (int i = 0; i < r.migrations().size(); i++) {
            MigrationPlan p = r.migrations().get(i);
            b.append(i == 0 ? "" : ",").append("{\"path\":").append(q(p.path()))
                    .append(",\"problem\":").append(q(p.problem()))
                    .append(",\"irreversible\":").append(p.irreversible()).append(",\"steps\":[");
            for (int j = 0; j < p.steps().size(); j++) {
                Step s = p.steps().get(j);
                b.append(j == 0 ? "" : ",").append("{\"line\":").append(s.line())
                        .append(",\"statement\":").append(q(s.statement()))
                        .append(",\"kind\":").append(q(s.kind()))
                        .append(",\"table\":").append(q(s.table()))
                        .append(",\"lock\":").append(q(s.lock()))
                        .append(",\"blocks\":").append(q(s.newTable() ? "nothing (new table)" : s.blocks()))
                        .append(",\"rewrites\":").append(s.rewrites())
                        .append(",\"scans\":").append(s.scans())
                        .append(",\"duration\":{\"source\":").append(q(s.duration().source().name().toLowerCase(java.util.Locale.ROOT)))
                        .append(",\"seconds\":").append(s.duration().seconds() == null ? "null"
                                : String.format(java.util.Locale.ROOT, "%.3f", s.duration().seconds()))
                        .append(",\"text\":").append(q(s.duration().text())).append('}')
                        .append(",\"findings\":").append(list(s.findings()))
                        .append(",\"rollback\":{\"kind\":").append(q(s.inverse().kind().name().toLowerCase(java.util.Locale.ROOT)))
                        .append(",\"sql\":").append(list(s.inverse().sql()))
                        .append(",\"reason\":").append(q(s.inverse().reason())).append("}}");
            }
            b.append("],\"rollbackScript\":").append(q(RollbackScript.of(p, lockTimeout))).append('}');
        }
        b.append("],\"after\":");
        jsonItems(b, r.after());
        return b.append("}\n").toString();
    }

    private static void jsonItems(StringBuilder b, List<Item> items) {
        b.append('[');
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            b.append(i == 0 ? "" : ",").append("{\"topic\":").append(q(it.topic())).append(",\"text\":")
                    .append(q(it.text())).append(",\"because\":").append(list(it.because()))
                    .append(",\"commands\":").append(list(it.commands())).append('}');
        }
        b.append(']');
    }

    private static String list(List<String> l) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            b.append(i == 0 ? "" : ",").append(q(l.get(i)));
        }
        return b.append(']').toString();
    }

    static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
