package dev.migralint.report;

import dev.migralint.analysis.Lock;
import dev.migralint.config.Printable;
import dev.migralint.config.Severity;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.SourceFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A Markdown deployment summary for reviewers (the GitHub step summary, {@code --format markdown}): the verdict, the
 * findings per file with the lock each statement takes and what it blocks, and the checklist the verdict implies —
 * backup, maintenance window, which steps to split into separate deploys, lock_timeout, manual review, rollback.
 *
 * <p>Everything taken from a migration (statements, identifiers in messages, reasons) is escaped, so a hostile file
 * cannot inject Markdown or HTML, and statement text is shown only for files inside the repository.
 */
public final class DeploymentSummary {
    /** Findings listed in full; beyond this the summary counts the rest (GitHub caps a step summary at 1 MiB). */
    static final int MAX_ROWS = 200;
    static final int MAX_STATEMENT_CHARS = 90;

    private final RunResult result;
    private final String toolVersion;
    private final Map<String, List<String>> ruleTags = new HashMap<>();
    private final UnaryOperator<String> pathForDisplay;

    /**
     * @param rules          the run's rules: their tags decide which checklist items apply
     * @param pathForDisplay maps a finding's path to the one to show (e.g. relative to the CI workspace), or null
     */
    public DeploymentSummary(RunResult result, String toolVersion, List<Rule> rules,
                             UnaryOperator<String> pathForDisplay) {
        this.result = result;
        this.toolVersion = toolVersion;
        for (Rule r : rules == null ? List.<Rule>of() : rules) {
            ruleTags.put(r.id(), r.tags());
        }
        this.pathForDisplay = pathForDisplay == null ? UnaryOperator.identity() : pathForDisplay;
    }

    /** Which checklist items a finding calls for. */
    enum Need { BACKUP, WINDOW, SPLIT, TIMEOUTS, HISTORY, REVIEW, ROLLBACK }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        verdict(b);
        findings(b);
        checklist(b);
        b.append("<sub>migralint ").append(escape(toolVersion)).append(" · rules: ")
                .append("<a href=\"").append(Docs.RULES_URL).append("\">docs/rules.md</a></sub>\n");
        return b.toString();
    }

    // ------------------------------------------------------------------ verdict

    private void verdict(StringBuilder b) {
        long errors = result.count(Severity.ERROR);
        long warnings = result.count(Severity.WARNING);
        long notices = result.count(Severity.NOTICE);
        long ignored = result.findings().stream().filter(Finding::suppressed).count();
        if (result.safe()) {
            b.append("## ✅ migralint: SAFE TO DEPLOY\n\n");
        } else {
            b.append("## ❌ migralint: NOT SAFE TO DEPLOY\n\n");
        }
        b.append("**").append(TextReporter.plural(errors, "error")).append(", ")
                .append(TextReporter.plural(warnings, "warning")).append(", ")
                .append(TextReporter.plural(notices, "notice")).append("**");
        long withFindings = result.files().stream()
                .filter(f -> f.findings().stream().anyMatch(x -> !x.suppressed())).count();
        b.append(" in ").append(withFindings).append(" of ").append(TextReporter.plural(result.files().size(), "file"))
                .append(" (").append(TextReporter.plural(result.statementCount(), "statement")).append(" checked; fails on ")
                .append(result.failOn().id()).append(" and above)");
        if (ignored > 0) {
            b.append("; ").append(ignored).append(" ignored inline with a reason");
        }
        b.append(".\n\n");
    }

    // ------------------------------------------------------------------ findings

    /** The findings of one statement: they share its lock. */
    private record StatementRow(FileResult file, int line, int statementIndex, List<Finding> findings) {}

    private void findings(StringBuilder b) {
        List<StatementRow> rows = rows();
        if (rows.isEmpty()) {
            b.append("No findings in the migrations checked.\n\n");
            return;
        }
        b.append("### Findings\n\n");
        int shown = 0;
        int total = rows.stream().mapToInt(r -> r.findings().size()).sum();
        FileResult current = null;
        for (StatementRow row : rows) {
            if (shown >= MAX_ROWS) {
                break;
            }
            if (row.file() != current) {
                current = row.file();
                b.append("\n#### ").append(code(pathForDisplay.apply(current.path()))).append("\n\n");
                b.append("| Line | Statement | Lock taken | Blocks | Findings |\n");
                b.append("|---:|---|---|---|---|\n");
            }
            Lock lock = strongestLock(row.findings());
            b.append("| ").append(row.line()).append(" | ").append(statementCell(row)).append(" | ")
                    .append(lockCell(lock)).append(" | ")
                    .append(lock == null || lock.mode() == null ? "—" : escape(lock.blocks())).append(" | ");
            List<String> cells = new ArrayList<>();
            for (Finding f : row.findings()) {
                cells.add(icon(f.severity()) + " <a href=\"" + Docs.ruleUrl(f.ruleId()) + "\">" + escape(f.ruleId())
                        + "</a>" + (f.down() ? " (down)" : "") + ": " + escape(f.message()));
                shown++;
            }
            b.append(String.join("<br>", cells)).append(" |\n");
        }
        if (shown < total) {
            b.append("\n…and ").append(total - shown)
                    .append(" more findings: see the annotations or the SARIF report.\n");
        }
        b.append('\n');
    }

    private List<StatementRow> rows() {
        List<StatementRow> rows = new ArrayList<>();
        for (FileResult file : result.files()) {
            Map<String, List<Finding>> byStatement = new LinkedHashMap<>();
            List<Finding> findings = FindingOrder.unsuppressed(file);
            for (Finding f : findings) {
                String key = f.statementIndex() >= 0 ? "s" + f.statementIndex() : "l" + f.line();
                byStatement.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            }
            for (List<Finding> group : byStatement.values()) {
                Finding first = group.get(0);
                rows.add(new StatementRow(file, first.line(), first.statementIndex(), group));
            }
        }
        return rows;
    }

    private static Lock strongestLock(List<Finding> findings) {
        Lock best = null;
        for (Finding f : findings) {
            Lock l = f.lock();
            if (l == null || l.mode() == null) {
                continue;
            }
            if (best == null || rank(l) > rank(best)) {
                best = l;
            }
        }
        return best;
    }

    private static int rank(Lock l) {
        if ("none".equals(l.mode())) {
            return 0;
        }
        return (l.blocksWrites() ? 10 : 1) + ("ACCESS EXCLUSIVE".equals(l.mode()) ? 5 : 0) + (l.rewrites() ? 2 : 0)
                + (l.scans() ? 1 : 0);
    }

    private static String lockCell(Lock lock) {
        if (lock == null || lock.mode() == null) {
            return "unknown";
        }
        if ("none".equals(lock.mode())) {
            return "none";
        }
        String extra = lock.rewrites() ? ", rewrites the table" : lock.scans() ? ", scans the table" : "";
        return "<b>" + escape(lock.mode()) + "</b>" + extra;
    }

    private String statementCell(StatementRow row) {
        SourceFile src = row.file().loaded().source();
        if (src == null || row.statementIndex() < 0 || !ReportPaths.isRelative(row.file().path())) {
            return "—";
        }
        Finding f = row.findings().get(0);
        if (f.statementSpan() == null || f.statementSpan().end() > src.text().length()) {
            return "—";
        }
        String text = f.statementSpan().of(src.text()).strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_STATEMENT_CHARS) {
            text = text.substring(0, MAX_STATEMENT_CHARS - 1) + "…";
        }
        return "<code>" + escape(text) + "</code>";
    }

    private static String icon(Severity s) {
        return switch (s) {
            case ERROR -> "❌";
            case WARNING -> "⚠️";
            case NOTICE -> "ℹ️";
        };
    }

    // ------------------------------------------------------------------ checklist

    /** The rules whose safe form is a migration of its own (outside the runner's transaction). */
    private static final Set<String> OWN_MIGRATION = Set.of("require-concurrent-index", "require-concurrent-index-drop",
            "concurrently-in-transaction", "adding-required-field", "set-not-null-on-existing-column");

    static Set<Need> needs(Finding f, List<String> tags) {
        Set<Need> out = new LinkedHashSet<>();
        String id = f.ruleId();
        if (tags.contains("parser") || id.equals("file-not-analysed") || id.equals("unrecognized-statement")) {
            out.add(Need.REVIEW);
        }
        if (tags.contains("history")) {
            out.add(Need.HISTORY);
        }
        if (tags.contains("rollback")) {
            out.add(Need.ROLLBACK);
        }
        if (f.severity() == Severity.NOTICE) {
            return out; // advice, not a deployment step
        }
        if (tags.contains("data-loss") || tags.contains("data") || id.startsWith("ban-drop") || id.startsWith("ban-truncate")
                || id.equals("ban-delete") || id.equals("ban-update-without-where")) {
            out.add(Need.BACKUP);
        }
        Lock l = f.lock();
        boolean heavyLock = l != null && l.blocksWrites() && (l.rewrites() || l.scans());
        if (heavyLock || tags.contains("rewrite") || tags.contains("maintenance") || tags.contains("online-ddl")) {
            out.add(Need.WINDOW);
        }
        boolean advisory = tags.contains("performance") || tags.contains("schema-design") || tags.contains("idempotence");
        if (!advisory && (tags.contains("compatibility") || tags.contains("constraint") || tags.contains("rewrite")
                || tags.contains("transactions") || OWN_MIGRATION.contains(id))) {
            out.add(Need.SPLIT);
        }
        if (id.equals("require-lock-timeout") || id.equals("require-statement-timeout")) {
            out.add(Need.TIMEOUTS);
        }
        return out;
    }

    private void checklist(StringBuilder b) {
        Map<Need, List<Finding>> byNeed = new LinkedHashMap<>();
        for (Need n : Need.values()) {
            byNeed.put(n, new ArrayList<>());
        }
        boolean renames = false;
        for (FileResult file : result.files()) {
            for (Finding f : file.findings()) {
                if (f.suppressed()) {
                    continue;
                }
                List<String> tags = tagsOf(f);
                for (Need n : needs(f, tags)) {
                    byNeed.get(n).add(f);
                }
                renames |= tags.contains("compatibility");
            }
        }
        b.append("### Deployment checklist\n\n");
        List<Finding> backup = byNeed.get(Need.BACKUP);
        List<Finding> window = byNeed.get(Need.WINDOW);
        List<Finding> split = byNeed.get(Need.SPLIT);
        List<Finding> timeout = byNeed.get(Need.TIMEOUTS);
        List<Finding> history = byNeed.get(Need.HISTORY);
        List<Finding> review = byNeed.get(Need.REVIEW);
        List<Finding> noDown = byNeed.get(Need.ROLLBACK);
        if (backup.isEmpty()) {
            b.append("- [x] **Backup:** nothing here deletes or rewrites data; a routine backup is enough.\n");
        } else {
            b.append("- [ ] **Back up before deploying.** These steps delete or change data, which no down migration"
                    + " can bring back: ").append(where(backup)).append('\n');
        }
        if (window.isEmpty()) {
            b.append("- [x] **Maintenance window:** no statement holds a lock that blocks writes while it rewrites or"
                    + " scans a table.\n");
        } else {
            b.append("- [ ] **Maintenance window, or the safe rewrite.** These statements block reads or writes while"
                    + " they rewrite or scan a table, for as long as the table is large: ").append(where(window))
                    .append(". Deploy them in a quiet window, or use the safe form each finding names.\n");
        }
        if (split.isEmpty()) {
            b.append("- [x] **Separate deploys:** nothing needs an expand/contract sequence.\n");
        } else {
            b.append("- [ ] **Split into separate deploys (expand/contract).** Ship these as their own migrations, in"
                    + " order, with the application change between them where the finding says so: ")
                    .append(where(split)).append('\n');
            for (Finding f : distinctRules(split)) {
                if (f.help() != null) {
                    b.append("  - ").append(code(f.ruleId())).append(": ").append(escape(f.help())).append('\n');
                }
            }
        }
        if (!timeout.isEmpty()) {
            b.append("- [ ] **Set `lock_timeout` (and `statement_timeout`)** before the lock-taking statements, so a"
                    + " long-running transaction makes the migration fail fast instead of stalling every query on the"
                    + " table: ").append(where(timeout)).append('\n');
        }
        if (!history.isEmpty()) {
            b.append("- [ ] **Check the migration history.** Databases that already ran the merged version of a"
                    + " migration will not run it again, and runners refuse histories that changed under them: ")
                    .append(where(history)).append('\n');
        }
        if (!review.isEmpty()) {
            b.append("- [ ] **Review by hand** what migralint could not analyse (no rule checked it): ")
                    .append(where(review)).append('\n');
        }
        b.append("- [ ] **Rollback plan:** ");
        if (!noDown.isEmpty()) {
            b.append("write the down migration (or the reverse statements) first — ").append(where(noDown))
                    .append(" have none. ");
        }
        if (!backup.isEmpty()) {
            b.append("restoring deleted data needs the backup; a down migration only recreates the structure. ");
        }
        if (renames) {
            b.append("Application instances still running the old code break against renamed or dropped objects:"
                    + " roll back the code and the schema together, or keep the old name until no code uses it. ");
        }
        if (backup.isEmpty() && !renames) {
            b.append(result.findings().stream().anyMatch(f -> !f.suppressed())
                    ? "the changes keep existing data; have the down migration (or the reverse statements) ready"
                    + " and tested. "
                    : "nothing unusual: roll back with the down migration (or the reverse statements) if needed. ");
        }
        b.append('\n');
        b.append('\n');
    }

    private List<String> tagsOf(Finding f) {
        return ruleTags.getOrDefault(f.ruleId(), List.of());
    }

    private static List<Finding> distinctRules(List<Finding> findings) {
        Map<String, Finding> first = new LinkedHashMap<>();
        for (Finding f : findings) {
            first.putIfAbsent(f.ruleId(), f);
        }
        return new ArrayList<>(first.values());
    }

    /** "`a.sql:3` (rule, rule), `b.sql:9` (rule)": one entry per location, at most ten, then a count. */
    private String where(List<Finding> findings) {
        Map<String, Set<String>> byLocation = new LinkedHashMap<>();
        for (Finding f : findings) {
            byLocation.computeIfAbsent(pathForDisplay.apply(f.path()) + ":" + f.line(), k -> new LinkedHashSet<>())
                    .add(f.ruleId());
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : byLocation.entrySet()) {
            if (parts.size() == 10) {
                parts.add("and " + (byLocation.size() - 10) + " more");
                break;
            }
            parts.add(code(e.getKey()) + " (" + escape(String.join(", ", e.getValue())) + ")");
        }
        return String.join(", ", parts);
    }

    // ------------------------------------------------------------------ escaping

    /** Text as inline HTML code, safe in a table cell. */
    public static String code(String s) {
        return "<code>" + escape(s) + "</code>";
    }

    /**
     * Escapes text for a Markdown table cell: HTML special characters become entities, Markdown punctuation is
     * backslash-escaped, line breaks become spaces, so nothing in it can open a tag, a link, a cell or a heading.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '|' -> b.append("&#124;");
                // An @name in a pull-request comment would notify that user: an entity reads the same and pings no one.
                case '@' -> b.append("&#64;");
                case '\r', '\n', '\t' -> b.append(' ');
                case '\\', '`', '*', '_', '[', ']', '#', '~', '!', '(', ')', '{', '}' -> b.append('\\').append(c);
                default -> {
                    if (Printable.unsafe(c)) {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
