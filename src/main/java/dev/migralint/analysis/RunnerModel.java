package dev.migralint.analysis;

import dev.migralint.config.TransactionMode;
import dev.migralint.sql.CommentKey;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.LiquibaseRollback;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.Glob;
import dev.migralint.workspace.RunnerDescriptor.Change;
import dev.migralint.workspace.RunnerDescriptor.Directive;
import dev.migralint.workspace.RunnerDescriptor.Section;
import dev.migralint.workspace.RunnerDescriptor;
import dev.migralint.workspace.RunnerVersions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a runner's descriptor says about one file: its units (the whole file, or its up and down sections), each
 * unit's direction and whether the runner wraps it in a transaction, and which statements the runner's version runs
 * on their own, outside that transaction.
 */
public final class RunnerModel {
    private static final Pattern HEADER = Pattern.compile("--!\\s*[A-Za-z][A-Za-z-]*:");
    private static final Map<String, Glob> GLOBS = new ConcurrentHashMap<>();

    private final Framework runner;
    private final AnalysisSettings settings;
    private final List<TransactionUnit> units;
    private final Dialect dialect;
    /** Units the runner takes out of its transaction because of what they hold (a "file" change). */
    private final Set<TransactionUnit> detected;
    /** Units the runner refuses to run: their reasons ("refuse-mixed"). */
    private final Map<TransactionUnit, String> refused;

    private RunnerModel(Framework runner, AnalysisSettings settings, Dialect dialect, List<TransactionUnit> units,
                        Set<TransactionUnit> detected, Map<TransactionUnit, String> refused) {
        this.detected = detected;
        this.refused = refused;
        this.runner = runner;
        this.settings = settings;
        this.dialect = dialect;
        this.units = units;
    }

    public List<TransactionUnit> units() {
        return units;
    }

    /** The unit a statement starting at {@code offset} belongs to. */
    public TransactionUnit unitAt(int offset) {
        TransactionUnit found = units.get(0);
        for (TransactionUnit u : units) {
            if (u.start() <= offset) {
                found = u;
            }
        }
        return found;
    }

    /** The direction a runner gives a whole file by its path: down files, Sqitch verify scripts, else up. */
    public static String fileDirection(Framework runner, String path) {
        RunnerDescriptor d = runner.descriptor();
        for (String g : d.downFiles()) {
            if (glob(g).matches(path)) {
                return "down";
            }
        }
        for (String g : d.verifyFiles()) {
            if (glob(g).matches(path)) {
                return "verify";
            }
        }
        return "up";
    }

    private static Glob glob(String g) {
        return GLOBS.computeIfAbsent(g, Glob::new);
    }

    public static RunnerModel of(ParsedFile file, Framework runner, AnalysisSettings settings) {
        RunnerDescriptor d = runner.descriptor();
        String path = file.source().displayPath();
        String fileDirection = fileDirection(runner, path);
        int length = file.source().text().length();

        // Section starts: the comment lines the descriptor names, in file order.
        List<Start> starts = new ArrayList<>();
        Section inline = null;
        if (d.hasSections()) {
            for (Token t : file.tokens()) {
                if (t.type() != TokenType.LINE_COMMENT) {
                    continue;
                }
                String norm = normalize(t.text());
                for (Section s : d.sections()) {
                    if (!s.inline() && norm.startsWith(s.markerKey())) {
                        String off = s.noTransaction() != null && norm.contains(s.noTransactionKey())
                                ? "the section's marker turns the runner's transaction off (" + firstLine(file, t.start()) + ")"
                                : null;
                        starts.add(new Start(t.start(), s, off));
                        break;
                    }
                }
            }
            for (Section s : d.sections()) {
                inline = s.inline() ? s : inline;
            }
        }
        if (inline != null) {
            starts = withInlineSections(starts, inline, LiquibaseRollback.runs(file.source().text()), length);
        }
        String fileOff = fileOptOut(file, runner, path);
        List<TransactionUnit> units = new ArrayList<>();
        Set<TransactionUnit> detected = new HashSet<>();
        Map<TransactionUnit, String> refused = new HashMap<>();
        AnalysisSettings st = settings;
        if (starts.isEmpty() || starts.get(0).at() > 0) {
            int end = starts.isEmpty() ? length : starts.get(0).at();
            units.add(unit(file, runner, st, 0, end, fileDirection, fileOff, null, detected, refused));
        }
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i).at();
            int end = i + 1 < starts.size() ? starts.get(i + 1).at() : length;
            String direction = fileDirection.equals("up") ? starts.get(i).section().direction() : fileDirection;
            units.add(unit(file, runner, st, from, end, direction, fileOff, starts.get(i).off(), detected, refused));
        }
        if (d.statementBlock() != null) {
            units = withStatementBlocks(file, d, units, detected, refused);
        }
        if (settings.transaction() == TransactionMode.AUTO) {
            units = withMarkedStatements(file, d, units, detected, refused);
        }
        return new RunnerModel(runner, settings, file.dialect(), units, detected, refused);
    }

    /**
     * A unit the runner's transaction does not wrap, split around each statement block (goose's StatementBegin ...
     * StatementEnd) that holds several statements: the runner sends the block as one query string, which PostgreSQL
     * runs as one implicit transaction.
     */
    private static List<TransactionUnit> withStatementBlocks(ParsedFile file, RunnerDescriptor d,
                                                             List<TransactionUnit> units,
                                                             Set<TransactionUnit> detected,
                                                             Map<TransactionUnit, String> refused) {
        List<int[]> blocks = new ArrayList<>();
        int open = -1;
        for (Token t : file.tokens()) {
            if (t.type() != TokenType.LINE_COMMENT) {
                continue;
            }
            String norm = normalize(t.text());
            if (open < 0 && norm.equals(d.statementBlock().beginKey())) {
                open = t.start();
            } else if (open >= 0 && norm.equals(d.statementBlock().endKey())) {
                blocks.add(new int[] {open, t.end()});
                open = -1;
            }
        }
        if (blocks.isEmpty()) {
            return units;
        }
        List<TransactionUnit> out = new ArrayList<>();
        for (TransactionUnit u : units) {
            if (u.inTransaction() || detected.contains(u) || refused.containsKey(u)) {
                out.add(u);
                continue;
            }
            int at = u.start();
            for (int[] b : blocks) {
                if (b[0] < u.start() || b[1] > u.end()) {
                    continue;
                }
                int statements = 0;
                for (ParsedStatement st : file.statements()) {
                    int s = st.statement().span().start();
                    if (s >= b[0] && s < b[1] && !st.statement().isMetaCommand()) {
                        statements++;
                    }
                }
                if (statements < 2) {
                    continue;
                }
                if (b[0] > at) {
                    out.add(new TransactionUnit(at, b[0], u.direction(), false, u.source(), u.assumption()));
                }
                out.add(new TransactionUnit(b[0], b[1], u.direction(), true, d.id(), u.assumption() + ", but "
                        + d.name() + " sends the lines between " + d.statementBlock().begin().trim() + " and "
                        + d.statementBlock().end().trim() + " as one query string, and its " + statements
                        + " statements run as one implicit transaction"));
                at = b[1];
            }
            if (at == u.start()) {
                out.add(u);
            } else if (at < u.end()) {
                out.add(new TransactionUnit(at, u.end(), u.direction(), false, u.source(), u.assumption()));
            }
        }
        return out;
    }

    /**
     * Takes each statement marked by a statement-scoped directive (a comment line between the previous statement and
     * it) out of its unit's transaction: the runner sends it on its own, and the rest of the unit stays in the
     * transaction around it. The parts before and after it are one transaction to the runner and two units here,
     * which only loses what links a statement before the marked one to a statement after it.
     */
    private static List<TransactionUnit> withMarkedStatements(ParsedFile file, RunnerDescriptor d,
                                                              List<TransactionUnit> units,
                                                              Set<TransactionUnit> detected,
                                                              Map<TransactionUnit, String> refused) {
        List<String> wants = null;
        List<String> comments = null;
        for (Directive dir : d.directives()) {
            if (dir.scope().equals("statement")) {
                if (wants == null) {
                    wants = new ArrayList<>();
                    comments = new ArrayList<>();
                }
                wants.add(normalize(dir.comment()));
                comments.add(dir.comment().trim());
            }
        }
        if (wants == null) {
            return units;
        }
        String text = file.source().text();
        List<int[]> marked = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (ParsedStatement st : file.statements()) {
            if (st.statement().isMetaCommand() || st.statement().leading() == null) {
                continue;
            }
            String directive = markedBy(st.statement().leading().of(text), wants, comments);
            if (directive != null) {
                marked.add(new int[] {st.statement().span().start(), st.statement().span().end()});
                why.add("the statement opts out of the runner's transaction (" + directive + " before it): "
                        + d.name() + " runs it on its own");
            }
        }
        if (marked.isEmpty()) {
            return units;
        }
        List<TransactionUnit> out = new ArrayList<>();
        for (TransactionUnit u : units) {
            if (!u.inTransaction() || detected.contains(u) || refused.containsKey(u)) {
                out.add(u);
                continue;
            }
            int at = u.start();
            for (int i = 0; i < marked.size(); i++) {
                int[] m = marked.get(i);
                if (m[0] < u.start() || m[0] >= u.end()) {
                    continue;
                }
                if (m[0] > at) {
                    out.add(new TransactionUnit(at, m[0], u.direction(), true, u.source(), u.assumption()));
                }
                int end = Math.min(m[1], u.end());
                out.add(new TransactionUnit(m[0], end, u.direction(), false, "none", why.get(i)));
                at = end;
            }
            if (at == u.start()) {
                out.add(u);
            } else if (at < u.end()) {
                out.add(new TransactionUnit(at, u.end(), u.direction(), true, u.source(), u.assumption()));
            }
        }
        return out;
    }

    /** The directive among the comment lines of {@code leading} (a statement's preceding text), or null. */
    private static String markedBy(String leading, List<String> wants, List<String> comments) {
        for (String line : leading.split("\n")) {
            String norm = normalize(line);
            if (!norm.startsWith("--") && !norm.startsWith("/*")) {
                continue;
            }
            for (int i = 0; i < wants.size(); i++) {
                if (norm.startsWith(wants.get(i))) {
                    return comments.get(i);
                }
            }
        }
        return null;
    }

    /** Where a section starts, its kind, and why its marker turns the transaction off (or null). */
    private record Start(int at, Section section, String off) {
    }

    /**
     * Inserts a section for each run of inline marker lines (Liquibase's --rollback), inside the section it
     * interrupts: the rollback keeps that changeset's transaction setting, and the changeset resumes after it.
     */
    private static List<Start> withInlineSections(List<Start> starts, Section inline, List<LiquibaseRollback.Run> runs,
                                                  int length) {
        if (runs.isEmpty()) {
            return starts;
        }
        List<Start> out = new ArrayList<>();
        int next = 0;
        Start enclosing = null;
        for (LiquibaseRollback.Run run : runs) {
            while (next < starts.size() && starts.get(next).at() <= run.start()) {
                enclosing = starts.get(next);
                out.add(enclosing);
                next++;
            }
            out.add(new Start(run.start(), inline, enclosing == null ? null : enclosing.off()));
            boolean resumes = run.end() < length && (next >= starts.size() || starts.get(next).at() > run.end());
            if (resumes && enclosing != null) {
                out.add(new Start(run.end(), enclosing.section(), enclosing.off()));
            }
        }
        while (next < starts.size()) {
            out.add(starts.get(next++));
        }
        return out;
    }

    private static String firstLine(ParsedFile file, int from) {
        String text = file.source().text();
        int nl = text.indexOf('\n', from);
        return text.substring(from, nl < 0 ? text.length() : nl).trim();
    }

    /** Why the whole file runs without the runner's transaction (a directive, a file name, a side file), or null. */
    private static String fileOptOut(ParsedFile file, Framework runner, String path) {
        RunnerDescriptor d = runner.descriptor();
        for (Directive dir : d.directives()) {
            if (!dir.fileWide()) {
                continue;
            }
            String want = normalize(dir.comment());
            if (dir.scope().startsWith("first-line")) {
                String text = file.source().text();
                int from = dir.scope().equals("first-line-after-headers") ? afterHeaders(text) : 0;
                int nl = text.indexOf('\n', from);
                String first = text.substring(from, nl < 0 ? text.length() : nl);
                if (normalize(first).startsWith(want)) {
                    return "the file opts out of the runner's transaction (" + dir.comment().trim() + ")";
                }
            } else {
                for (Token t : file.tokens()) {
                    if (t.type() == TokenType.LINE_COMMENT && normalize(t.text()).startsWith(want)) {
                        return "the file opts out of the runner's transaction (" + dir.comment().trim() + ")";
                    }
                }
            }
        }
        for (String g : d.noTransactionFiles()) {
            if (glob(g).matches(path)) {
                return "the file's name tells " + d.name() + " to run it without a transaction";
            }
        }
        if (Boolean.FALSE.equals(runner.sideTransaction())) {
            return runner.sideSource() + " turns the runner's transaction off";
        }
        return null;
    }

    /** Where the body starts after leading {@code --! Key: value} header lines and blank lines. */
    private static int afterHeaders(String text) {
        int at = 0;
        while (at < text.length()) {
            int nl = text.indexOf('\n', at);
            String line = text.substring(at, nl < 0 ? text.length() : nl).strip();
            if (!line.isEmpty() && !HEADER.matcher(line).lookingAt()) {
                return at;
            }
            if (nl < 0) {
                return text.length();
            }
            at = nl + 1;
        }
        return at;
    }

    private static TransactionUnit unit(ParsedFile file, Framework runner, AnalysisSettings settings, int from, int to,
                                        String direction, String fileOff, String sectionOff,
                                        Set<TransactionUnit> detected, Map<TransactionUnit, String> refused) {
        int statements = 0;
        List<ParsedStatement> inUnit = new ArrayList<>();
        for (ParsedStatement st : file.statements()) {
            int s = st.statement().span().start();
            if (s >= from && s < to && !st.statement().isMetaCommand()) {
                statements++;
                inUnit.add(st);
            }
        }
        RunnerDescriptor d = runner.descriptor();
        if (settings.transaction() == TransactionMode.ALWAYS) {
            return new TransactionUnit(from, to, direction, true, "config",
                    "configuration says every migration runs in a transaction (transaction: always)");
        }
        if (settings.transaction() == TransactionMode.NEVER) {
            return new TransactionUnit(from, to, direction, false, "none",
                    "configuration says migrations run outside a transaction (transaction: never)");
        }
        String off = fileOff != null ? fileOff : sectionOff;
        if (off != null && d.unwrappedOneQuery() && statements > 1) {
            return new TransactionUnit(from, to, direction, true, d.id(), off + ", but " + d.name()
                    + " still sends it as one query string, and its " + statements
                    + " statements run as one implicit transaction");
        }
        if (off != null) {
            return new TransactionUnit(from, to, direction, false, "none", off);
        }
        String whole = fileEffect(runner, settings, file.dialect(), inUnit);
        if (whole != null) {
            String refusal = refusedMix(runner, settings, inUnit);
            if (refusal != null) {
                // The runner does not deploy the file at all; the CONCURRENTLY statement is where it fails.
                TransactionUnit u = new TransactionUnit(from, to, direction, true, d.id(), refusal);
                refused.put(u, refusal);
                return u;
            }
            TransactionUnit u = new TransactionUnit(from, to, direction, false, "none", whole);
            detected.add(u);
            return u;
        }
        boolean wraps = d.wrapping().wraps(statements);
        String assumption = d.assumption() + versionNote(runner)
                + (d.wrapping() == RunnerDescriptor.Wrapping.IMPLICIT_MULTI_STATEMENT
                ? (statements > 1 ? "; this file has " + statements + " statements" : "; this file has one statement, so it runs alone")
                : "");
        return new TransactionUnit(from, to, direction, wraps, wraps ? d.id() : "none", assumption);
    }

    /**
     * Why the runner refuses this unit (a change with effect "refuse-mixed" whose statements sit beside other
     * statements, and no side file lifts it), or null.
     */
    private static String refusedMix(Framework runner, AnalysisSettings settings, List<ParsedStatement> statements) {
        for (Change c : runner.descriptor().changes()) {
            if (!c.effect().equals("refuse-mixed") || !applies(c, runner, settings) || lifted(c, runner)) {
                continue;
            }
            String flagged = null;
            String other = null;
            for (ParsedStatement st : statements) {
                String m = matches(c, st);
                if (m != null && flagged == null) {
                    flagged = m;
                } else if (m == null && other == null && !st.statement().code().isEmpty()) {
                    other = leading(st);
                }
            }
            if (flagged != null && other != null) {
                return c.says() + " (" + flagged + " beside " + other + versionNote(runner) + ")";
            }
        }
        return null;
    }

    private static boolean lifted(Change c, Framework runner) {
        return c.unless() != null && runner.settings().containsKey(c.unless());
    }

    private static String leading(ParsedStatement st) {
        List<Token> code = st.statement().code();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < code.size() && i < 3; i++) {
            b.append(i == 0 ? "" : " ").append(code.get(i).text().toUpperCase(Locale.ROOT));
        }
        return b.toString();
    }

    /**
     * Why this statement cannot finish although the runner runs it without a transaction (a change with effect
     * "lock-wait": Flyway keeps its lock in a transaction of its own), or null. Only for units the runner itself
     * took out of its transaction; a file or side file that turns the transaction off says so explicitly, and the
     * runner's newer sources take a session lock for those.
     */
    public String blockedBy(ParsedStatement st, TransactionUnit unit) {
        if (dialect != Dialect.POSTGRESQL || settings.transaction() != TransactionMode.AUTO) {
            return null;
        }
        if (refused.containsKey(unit)) {
            return matchesAny("refuse-mixed", st) ? refused.get(unit) : null;
        }
        if (!detected.contains(unit)) {
            return null;
        }
        for (Change c : runner.descriptor().changes()) {
            if (c.effect().equals("lock-wait") && !lifted(c, runner) && appliesAssumingCurrent(c, runner, settings)) {
                String matched = matches(c, st);
                if (matched != null) {
                    return c.says() + " (" + matched + "; " + (runner.version() == null
                            ? "runner version unknown: migralint assumed the current behaviour"
                            : "migralint assumed " + runner.describe()) + ")";
                }
            }
        }
        return null;
    }

    private boolean matchesAny(String effect, ParsedStatement st) {
        for (Change c : runner.descriptor().changes()) {
            if (c.effect().equals(effect) && matches(c, st) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a CONCURRENTLY index change, once the runner took its file out of the transaction, would still never finish
     * (a "lock-wait" change no side file lifts; an unknown version counts as the current one), or null. For fix.
     */
    public static String lockWait(Framework runner) {
        for (Change c : runner.descriptor().changes()) {
            if (c.effect().equals("lock-wait") && !lifted(c, runner)
                    && (c.since() == null || runner.version() == null || RunnerVersions.atLeast(runner.version(), c.since()))) {
                return c.says();
            }
        }
        return null;
    }

    /** Like {@link #applies}, but an unknown version is taken as the current one. */
    private static boolean appliesAssumingCurrent(Change c, Framework runner, AnalysisSettings settings) {
        if (c.untilPostgres() > 0 && settings.postgresVersion() >= c.untilPostgres()) {
            return false;
        }
        return c.since() == null || runner.version() == null || RunnerVersions.atLeast(runner.version(), c.since());
    }

    /** ", assuming supabase 2.110.0 (package.json)" when a version decides something, else "". */
    private static String versionNote(Framework runner) {
        if (runner.descriptor().changes().stream().noneMatch(RunnerModel::versionDecides)) {
            return "";
        }
        return runner.version() == null
                ? " (runner version unknown: migralint assumed one before " + firstSince(runner) + "; set runner-version in .migralint.yml)"
                : " (migralint assumed " + runner.describe() + ")";
    }

    /** A change that holds only from a version, which an unknown version does not have (lock waits say their own). */
    private static boolean versionDecides(Change c) {
        return c.since() != null && !c.effect().equals("lock-wait");
    }

    private static String firstSince(Framework runner) {
        String first = null;
        for (Change c : runner.descriptor().changes()) {
            if (versionDecides(c) && (first == null || RunnerVersions.compare(c.since(), first) < 0)) {
                first = c.since();
            }
        }
        return first;
    }

    /** A change with effect "file" that applies: the runner runs this file without a transaction. */
    private static String fileEffect(Framework runner, AnalysisSettings settings, Dialect dialect, List<ParsedStatement> statements) {
        if (dialect != Dialect.POSTGRESQL) {
            return null;
        }
        for (Change c : runner.descriptor().changes()) {
            if (!c.effect().equals("file") || !applies(c, runner, settings)) {
                continue;
            }
            for (ParsedStatement st : statements) {
                String matched = matches(c, st);
                if (matched != null) {
                    return c.says() + " (" + matched + ")";
                }
            }
        }
        return null;
    }

    private static boolean applies(Change c, Framework runner, AnalysisSettings settings) {
        if (c.untilPostgres() > 0 && settings.postgresVersion() >= c.untilPostgres()) {
            return false;
        }
        return c.since() == null || RunnerVersions.atLeast(runner.version(), c.since());
    }

    /**
     * Why the runner runs this statement on its own, outside the unit's transaction (a version's change with effect
     * "statement"), or null.
     */
    public String runsAlone(ParsedStatement st) {
        if (dialect != Dialect.POSTGRESQL || settings.transaction() != TransactionMode.AUTO) {
            return null;
        }
        for (Change c : runner.descriptor().changes()) {
            if (c.effect().equals("statement") && applies(c, runner, settings)) {
                String matched = matches(c, st);
                if (matched != null) {
                    return c.says() + " (" + runner.describe() + ")";
                }
            }
        }
        return null;
    }

    /** The statement's leading keywords when they match one of the change's patterns, else null. */
    private static String matches(Change c, ParsedStatement st) {
        List<Token> code = st.statement().code();
        if (code.isEmpty() || st.statement().isMetaCommand()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < code.size() && i < 64; i++) {
            words.add(code.get(i).text().toUpperCase(Locale.ROOT));
        }
        for (String pattern : c.statements()) {
            String[] parts = pattern.split(" ");
            int end = prefix(parts, 0, words, 0);
            if (end >= 0) {
                return String.join(" ", words.subList(0, end));
            }
        }
        return null;
    }

    /** Matches pattern words from {@code p} against statement words from {@code w}; {@code *} spans any words. */
    private static int prefix(String[] parts, int p, List<String> words, int w) {
        if (p == parts.length) {
            return w;
        }
        if (parts[p].equals("*")) {
            for (int k = w; k <= words.size(); k++) {
                int r = prefix(parts, p + 1, words, k);
                if (r >= 0) {
                    return r;
                }
            }
            return -1;
        }
        if (w < words.size() && words.get(w).equals(parts[p])) {
            return prefix(parts, p + 1, words, w + 1);
        }
        return -1;
    }

    static String normalize(String comment) {
        return CommentKey.of(comment);
    }
}
