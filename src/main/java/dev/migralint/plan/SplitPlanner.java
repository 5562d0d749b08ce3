package dev.migralint.plan;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.analysis.TransactionUnit;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Names;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Span;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenCursor;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.AddColumn;
import dev.migralint.sql.op.Operation.AddConstraint;
import dev.migralint.sql.op.Operation.AlterColumnType;
import dev.migralint.sql.op.Operation.RenameColumn;
import dev.migralint.sql.op.Operation.SetNotNull;
import dev.migralint.workspace.MigrationNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * {@code migralint plan --split}: each migration holding a risky statement of the five kinds (rename a column, make one
 * required, change its type, add a unique constraint, add a foreign key) is written again as an expand/contract
 * sequence of numbered migrations in its runner's layout ({@link SplitLayout}). The other statements stay, as written,
 * in the first migration of the sequence, which takes the original's place. Files are taken in the run's order, so
 * what earlier migrations declared (a column's type, default, nullability) is known when a later one is split. Never
 * overwrites a file; a file it cannot read and a statement it cannot parse are named with file and line, the rest is
 * still split.
 */
public final class SplitPlanner {
    /** What a run did: lines for stderr, the files written, how many migrations were split. */
    public record Outcome(List<String> messages, List<Path> written, int split) {
    }

    private final Path output;
    private final String lockTimeout;
    private final List<String> messages = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();

    /**
     * @param output      the directory to write into, or null to write beside each original migration
     * @param lockTimeout the lock_timeout each migration run in a transaction sets first (the configured one)
     */
    public SplitPlanner(Path output, String lockTimeout) {
        this.output = output;
        this.lockTimeout = lockTimeout == null ? "5s" : lockTimeout;
    }

    /**
     * Columns of the history being split that an index or constraint names ("table\0column"): dropping such a column
     * drops them, so a rename or type change of one is not split.
     */
    private Set<String> keyed = new HashSet<>();
    private final Map<String, Set<String>> keyedByHistory = new HashMap<>();

    public Outcome split(RunResult result) {
        Map<String, SchemaMemory> byHistory = new HashMap<>();
        int split = 0;
        int files = 0;
        for (FileResult fr : result.files()) {
            AnalyzedFile af = fr.analyzed();
            if (af == null) {
                String problem = fr.loaded().ok() ? "not analysed" : fr.loaded().problem()
                        + (fr.loaded().detail() != null ? ": " + fr.loaded().detail() : "");
                messages.add(fr.path() + (fr.loaded().line() > 0 ? ":" + fr.loaded().line() : "")
                        + ": could not split: " + problem);
                continue;
            }
            if (af.onlyDown()) {
                continue;
            }
            files++;
            String history = MigrationNames.historyDir(fr.path().replace('\\', '/'));
            SchemaMemory memory = byHistory.computeIfAbsent(history, d -> new SchemaMemory());
            keyed = keyedByHistory.computeIfAbsent(history, d -> new HashSet<>());
            if (splitFile(fr, af, memory)) {
                split++;
            }
        }
        if (split == 0 && written.isEmpty()) {
            boolean refused = messages.stream().anyMatch(m -> m.contains("not split"));
            messages.add("migralint: nothing " + (refused ? "else " : "") + "to split in " + files + (files == 1
                    ? " migration" : " migrations") + " (no rename of a column, column made required, type change"
                    + " that rewrites, unique constraint or foreign key on an existing table): nothing written");
        }
        return new Outcome(List.copyOf(messages), List.copyOf(written), split);
    }

    /** One migration: its sequence written, or nothing to split; true when written. */
    private boolean splitFile(FileResult fr, AnalyzedFile af, SchemaMemory memory) {
        String text = af.parsed().source().text();
        List<Draft> drafts = new ArrayList<>();
        List<SplitPhase> later = new ArrayList<>();
        List<Split> splits = new ArrayList<>();
        Draft current = null;
        for (ParsedStatement ps : af.parsed().statements()) {
            Statement st = ps.statement();
            TransactionUnit unit = af.unitAt(st.span().start());
            if (unit != null && !"up".equals(unit.direction()) || st.isMetaCommand()) {
                continue;
            }
            List<AnalyzedOperation> ops = af.operations().stream()
                    .filter(o -> o.statement() == ps && o.operation().source() != ParsedOperation.Source.EMBEDDED)
                    .toList();
            if (ops.isEmpty() || ops.stream().allMatch(o -> o.operation().operation() instanceof Operation.IgnoreDirective
                    || o.operation().operation() instanceof Operation.MigrationHistory)) {
                continue;
            }
            int line = af.parsed().source().lines().line(st.span().start());
            List<Split> here = new ArrayList<>();
            for (AnalyzedOperation ao : ops) {
                Operation op = ao.operation().operation();
                if (op instanceof Operation.Unknown u) {
                    messages.add(fr.path() + ":" + line + ": could not parse: " + RunbookBuilder.oneLine(st.body(text))
                            + " (" + u.reason() + "); kept as written");
                }
                Split s = choose(fr.path() + ":" + line, ao, ps, text, memory);
                here.add(s);
            }
            for (AnalyzedOperation ao : ops) {
                remember(ao.operation().operation());
                memory.apply(ao.operation().operation(), InverseGenerator.definitionOf(ao.operation().operation(),
                        st.body(text), ao.operation().span().of(text)));
            }
            if (here.stream().allMatch(s -> s == null)) {
                if (Boolean.FALSE.equals(ops.get(0).context().get(ContextFacts.ALLOWED_IN_TRANSACTION))) {
                    drafts.add(new Draft("as-written", "statements of the original that cannot run in a transaction",
                            null, List.of(st.body(text).strip()), true, null));
                    current = null;
                } else {
                    current = open(drafts, current);
                    current.statements.add(st.body(text).strip());
                    current.asWritten = true;
                }
                continue;
            }
            String prefix = text.substring(st.span().start(), ops.get(0).operation().span().start());
            for (int i = 0; i < ops.size(); i++) {
                Split s = here.get(i);
                if (s == null) {
                    current = open(drafts, current);
                    current.statements.add((prefix + ops.get(i).operation().span().of(text)).strip());
                    current.asWritten = true;
                    continue;
                }
                splits.add(s);
                SplitPhase first = s.phases().get(0);
                if (first.outsideTransaction()) {
                    drafts.add(Draft.of(first));
                    current = null;
                } else {
                    current = open(drafts, current);
                    current.statements.addAll(first.statements());
                    current.titles.add(first.title());
                }
                later.addAll(s.phases().subList(1, s.phases().size()));
            }
        }
        if (splits.isEmpty()) {
            return false;
        }
        later.forEach(p -> drafts.add(Draft.of(p)));
        return write(fr, af, splits, drafts);
    }

    private static Draft open(List<Draft> drafts, Draft current) {
        if (current == null) {
            current = new Draft("expand", null, null, new ArrayList<>(), false, null);
            drafts.add(current);
        }
        return current;
    }

    /** The split for one operation, or null when it is not one of the five kinds, not risky, or cannot be split. */
    private Split choose(String where, AnalyzedOperation ao, ParsedStatement ps, String text, SchemaMemory memory) {
        Operation op = ao.operation().operation();
        if (Boolean.TRUE.equals(ao.context().get(ContextFacts.TABLE_CREATED_IN_FILE))) {
            return null; // no code uses a table this migration creates
        }
        if (op instanceof RenameColumn r) {
            SchemaMemory.Column c = known(where, memory, r.table(), r.column(), "rename");
            return c == null ? null : new RenameColumnSplit(r.table(), r.column(), r.newName(), c);
        }
        if (op instanceof AlterColumnType a) {
            boolean heavy = ao.lock() != null && (ao.lock().rewrites() || ao.lock().scans());
            if (!heavy) {
                return null;
            }
            SchemaMemory.Column c = known(where, memory, a.table(), a.column(), "type change");
            if (c == null) {
                return null;
            }
            if (c.type().contains("serial") || c.defaultExpr() != null && c.defaultExpr().toLowerCase().contains("nextval")) {
                return refuse(where, "the type change of " + a.table() + "." + a.column() + " (a serial column: its"
                        + " sequence belongs to the column; change it by hand)");
            }
            String using = null;
            if (a.using()) {
                List<Token> action = action(ps.statement(), ao.operation().span());
                int at = new TokenCursor(action).find("USING");
                if (at < 0 || at + 1 >= action.size()) {
                    return refuse(where, "the type change of " + a.table() + "." + a.column() + " (its USING"
                            + " expression could not be located)");
                }
                using = text.substring(action.get(at + 1).start(), action.get(action.size() - 1).end());
            }
            return new ChangeTypeSplit(a.table(), a.column(), c, a.type(), using);
        }
        if (op instanceof SetNotNull s) {
            SchemaMemory.Column c = memory.column(s.table(), s.column());
            if (c != null && c.notNull()) {
                return null;
            }
            return new RequireColumnSplit(s.table(), s.column(), null, c == null ? null : c.defaultExpr());
        }
        if (op instanceof AddColumn a) {
            ColumnDef d = a.def();
            Object pg = ao.context().get(ContextFacts.POSTGRES_VERSION);
            boolean cheapDefault = d.hasDefault() && !d.defaultVolatile()
                    && !(pg instanceof Number n && n.intValue() > 0 && n.intValue() < 11);
            if (!d.notNull() || cheapDefault) {
                return null;
            }
            if (d.primaryKey() || d.identity() || d.serial() || d.generated() || d.unique() || d.references() != null
                    || d.check()) {
                return refuse(where, "ADD COLUMN " + d.column() + " (a key, identity, serial, generated, unique,"
                        + " referencing or checked column: add it in steps by hand)");
            }
            return new RequireColumnSplit(a.table(), d.column(), d.type(), d.hasDefault() ? d.defaultExpr() : null);
        }
        if (op instanceof AddConstraint ac && !ac.usingIndex()) {
            if ("unique".equals(ac.constraintType())) {
                return unique(where, ac, action(ps.statement(), ao.operation().span()), text);
            }
            if ("foreign-key".equals(ac.constraintType()) && !ac.notValid()) {
                return foreignKey(where, ac, action(ps.statement(), ao.operation().span()), text);
            }
        }
        return null;
    }

    /** Notes the columns an index or constraint names; a rename carries the note along. */
    private void remember(Operation op) {
        if (op instanceof Operation.CreateTableColumn c && keyedColumn(c.def())) {
            keyed.add(key(c.table(), c.def().column()));
        } else if (op instanceof AddColumn a && keyedColumn(a.def())) {
            keyed.add(key(a.table(), a.def().column()));
        } else if (op instanceof Operation.TableConstraint tc && tc.columns() != null) {
            tc.columns().forEach(col -> keyed.add(key(tc.table(), col)));
        } else if (op instanceof AddConstraint ac && ac.columns() != null) {
            ac.columns().forEach(col -> keyed.add(key(ac.table(), col)));
        } else if (op instanceof Operation.CreateIndex ci && ci.columns() != null) {
            for (String col : ci.columns()) {
                String c = col.strip();
                keyed.add(key(ci.table(), c.startsWith("\"") ? c.substring(1, c.length() - 1) : c.toLowerCase()));
            }
        } else if (op instanceof RenameColumn r && keyed.remove(key(r.table(), r.column()))) {
            keyed.add(key(r.table(), r.newName()));
        }
    }

    private static boolean keyedColumn(ColumnDef d) {
        return d.primaryKey() || d.unique() || d.references() != null || d.key() || d.check();
    }

    private static String key(String table, String column) {
        return Names.unqualified(table) + "\u0000" + column;
    }

    private SchemaMemory.Column known(String where, SchemaMemory memory, String table, String column, String what) {
        if (keyed.contains(key(table, column))) {
            refuse(where, "the " + what + " of " + table + "." + column + " (an index or constraint names the column,"
                    + " and dropping the old column would drop it: move it by hand)");
            return null;
        }
        SchemaMemory.Column c = memory.column(table, column);
        if (c == null || c.type() == null) {
            refuse(where, "the " + what + " of " + table + "." + column + " (its type is not known from the"
                    + " migrations in view: plan the whole history, not only this file)");
        }
        return c == null || c.type() == null ? null : c;
    }

    private Split refuse(String where, String what) {
        messages.add(where + ": not split: " + what + "; kept as written");
        return null;
    }

    private Split unique(String where, AddConstraint ac, List<Token> action, String text) {
        int at = new TokenCursor(action).find("UNIQUE");
        if (at < 0 || at + 1 >= action.size() || action.get(at + 1).type() != TokenType.LPAREN) {
            return refuse(where, "ADD UNIQUE (only the form UNIQUE (columns) [DEFERRABLE ...] is split)");
        }
        int close = closing(action, at + 1);
        for (int i = close + 1; i < action.size(); i++) {
            if (!action.get(i).isAny("DEFERRABLE", "NOT", "INITIALLY", "DEFERRED", "IMMEDIATE")) {
                return refuse(where, "ADD UNIQUE (only the form UNIQUE (columns) [DEFERRABLE ...] is split, not with "
                        + action.get(i).text() + ")");
            }
        }
        String name = ac.constraintName() != null ? ac.constraintName() : defaultName(ac.table(), ac.columns(), "key");
        if (name == null) {
            return refuse(where, "ADD UNIQUE (give the constraint a name)");
        }
        String columns = text.substring(action.get(at + 1).start(), action.get(close).end());
        String trailing = close + 1 < action.size()
                ? text.substring(action.get(close + 1).start(), action.get(action.size() - 1).end()) : "";
        return new AddUniqueSplit(ac.table(), name, columns, trailing);
    }

    private Split foreignKey(String where, AddConstraint ac, List<Token> action, String text) {
        if (action.isEmpty() || !action.get(0).is("ADD")) {
            return refuse(where, "ADD FOREIGN KEY (the action could not be located exactly)");
        }
        String written = text.substring(action.get(0).start(), action.get(action.size() - 1).end());
        if (ac.constraintName() != null) {
            return new AddForeignKeySplit(ac.table(), ac.constraintName(), written);
        }
        String name = defaultName(ac.table(), ac.columns(), "fkey");
        if (name == null) {
            return refuse(where, "ADD FOREIGN KEY (give the constraint a name)");
        }
        String named = "ADD CONSTRAINT " + SplitSql.ident(name) + text.substring(action.get(0).end(),
                action.get(action.size() - 1).end());
        return new AddForeignKeySplit(ac.table(), name, named);
    }

    /** The name Postgres gives an unnamed constraint ({@code t_a_b_key}), or null when it would be cut short. */
    private static String defaultName(String table, List<String> columns, String suffix) {
        if (columns == null || columns.isEmpty()) {
            return null;
        }
        String name = Names.unqualified(table) + "_" + String.join("_", columns) + "_" + suffix;
        return name.getBytes(StandardCharsets.UTF_8).length > 63 ? null : name;
    }

    /** The code tokens of an ALTER TABLE action: those in its span, without {@code ALTER TABLE name} when it is all. */
    private static List<Token> action(Statement st, Span span) {
        List<Token> code = new ArrayList<>();
        for (Token t : st.code()) {
            if (t.start() >= span.start() && t.end() <= span.end()) {
                code.add(t);
            }
        }
        if (!span.equals(st.span()) || code.size() < 3 || !code.get(0).is("ALTER") || !code.get(1).is("TABLE")) {
            return code;
        }
        int i = 2;
        if (code.get(i).is("IF") && i + 1 < code.size() && code.get(i + 1).is("EXISTS")) {
            i += 2;
        }
        if (i < code.size() && code.get(i).is("ONLY")) {
            i++;
        }
        i++;
        while (i + 1 < code.size() && code.get(i).type() == TokenType.DOT) {
            i += 2;
        }
        if (i < code.size() && "*".equals(code.get(i).text())) {
            i++;
        }
        return code.subList(Math.min(i, code.size()), code.size());
    }

    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).type() == TokenType.LPAREN) {
                depth++;
            } else if (tokens.get(i).type() == TokenType.RPAREN && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    private boolean write(FileResult fr, AnalyzedFile af, List<Split> splits, List<Draft> drafts) {
        String what = String.join("; ", splits.stream().map(Split::summary).toList());
        Path file = fr.loaded().source() == null ? null : fr.loaded().source().path();
        if (file == null) {
            messages.add(fr.path() + ": not split (" + what + "): not a file on disk (read from git)");
            return false;
        }
        SplitLayout layout;
        try {
            layout = SplitLayout.of(af.framework().descriptor(), file, output);
        } catch (IllegalArgumentException e) {
            messages.add(fr.path() + ": not split (" + what + "): " + e.getMessage());
            return false;
        }
        boolean outside = layout.runsOutsideTransaction();
        List<SplitLayout.Target> targets = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            boolean useWrapped = d.outside && !outside && d.wrapped != null;
            String header = header(fr.path(), layout, drafts, i, useWrapped, outside);
            List<String> statements = new ArrayList<>(useWrapped ? d.wrapped : d.statements);
            if (!(d.outside && outside)) {
                // Every statement here waits for its lock in a transaction: give up rather than queue all traffic.
                statements.add(0, "SET lock_timeout = " + Sql.literal(lockTimeout));
            }
            targets.add(layout.target(i, d.slug, d.outside && outside, header, statements));
        }
        try {
            for (SplitLayout.Target t : targets) {
                for (Path p : t.sideFile() == null ? List.of(t.file()) : List.of(t.file(), t.sideFile())) {
                    if (Files.exists(p)) {
                        messages.add(fr.path() + ": not split (" + what + "): " + shown(p) + " exists: not overwritten,"
                                + " nothing written");
                        return false;
                    }
                }
            }
            String taken = layout.versionTaken(drafts.size());
            if (taken != null) {
                messages.add(fr.path() + ": not split (" + what + "): " + taken + " already holds one of the versions"
                        + " the sequence needs (" + layout.version(0) + " to " + layout.version(drafts.size() - 1)
                        + "); write it elsewhere with --output DIR");
                return false;
            }
            for (SplitLayout.Target t : targets) {
                Files.createDirectories(t.file().getParent());
                Files.writeString(t.file(), t.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                written.add(t.file());
                if (t.sideFile() != null) {
                    Files.writeString(t.sideFile(), t.sideText(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                    written.add(t.sideFile());
                }
            }
        } catch (IOException e) {
            messages.add(fr.path() + ": could not write the split migrations: " + e.getMessage());
            return false;
        }
        messages.add(fr.path() + ": split (" + what + ") into " + targets.size() + " migrations: "
                + String.join(", ", targets.stream().map(t -> shown(t.file())).toList())
                + (output == null ? "; they replace " + fr.path() + " (the first takes its version): delete it" : ""));
        return true;
    }

    /** A path as the user named it: relative to the working directory when it lies below it. */
    private static String shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    private static String header(String original, SplitLayout layout, List<Draft> drafts, int i, boolean wrapped,
                                 boolean outside) {
        Draft d = drafts.get(i);
        List<String> lines = new ArrayList<>();
        lines.add("migralint plan --split of " + original + ": migration " + (i + 1) + " of " + drafts.size() + " ("
                + d.slug + ").");
        lines.add(d.title() + ".");
        if (d.deployFirst != null) {
            lines.add("Before this migration: " + d.deployFirst + ".");
        }
        if (d.outside && outside) {
            lines.add("Runs outside a transaction (" + layout.outsideHow() + ").");
        } else if (wrapped && d.wrappedNote != null) {
            lines.add(d.wrappedNote);
        } else if (wrapped) {
            lines.add(layout.runnerName() + " runs every migration in a transaction: this backfill commits once, at the"
                    + " end. On a large table run it with psql outside the migrations instead, with COMMIT after each"
                    + " batch.");
        }
        if (i + 1 < drafts.size()) {
            String next = drafts.get(i + 1).deployFirst;
            lines.add("Before the next migration: " + (next == null ? "nothing; it can follow in the same release."
                    : next + "."));
        } else {
            lines.add("The last of the sequence: the change is complete.");
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            for (String part : wrap(l, 100)) {
                b.append("-- ").append(part).append('\n');
            }
        }
        return b.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        out.add(line.toString());
        return out;
    }

    /** A migration of the sequence being assembled: a phase, or the first one with the original's other statements. */
    private static final class Draft {
        final String slug;
        final List<String> titles = new ArrayList<>();
        final String deployFirst;
        final List<String> statements;
        final boolean outside;
        final List<String> wrapped;
        final String wrappedNote;
        /** It also holds statements of the original that need no split. */
        boolean asWritten;

        Draft(String slug, String title, String deployFirst, List<String> statements, boolean outside,
              List<String> wrapped) {
            this(slug, title, deployFirst, statements, outside, wrapped, null);
        }

        Draft(String slug, String title, String deployFirst, List<String> statements, boolean outside,
              List<String> wrapped, String wrappedNote) {
            this.slug = slug;
            if (title != null) {
                titles.add(title);
            }
            this.deployFirst = deployFirst;
            this.statements = new ArrayList<>(statements);
            this.outside = outside;
            this.wrapped = wrapped;
            this.wrappedNote = wrappedNote;
        }

        static Draft of(SplitPhase p) {
            return new Draft(p.slug(), p.title(), p.deployFirst(), p.statements(), p.outsideTransaction(), p.wrapped(),
                    p.wrappedNote());
        }

        String title() {
            List<String> all = new ArrayList<>(titles);
            if (all.isEmpty()) {
                return "the statements of the original migration that need no split, as written";
            }
            if (asWritten) {
                all.add("the original's other statements, as written, in their order");
            }
            return String.join("; ", all);
        }
    }
}
