package dev.migralint.sql;

import dev.migralint.sql.ParsedOperation.Source;
import dev.migralint.sql.op.Operation.FileProblem;
import dev.migralint.sql.op.Operation.Unknown;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lexes, splits and parses one file. Per statement: the token recognizer always runs (it is cheap and gives exact
 * spans); JSqlParser runs for the statement classes whose AST we map, and its operations win when it parses. What
 * neither understands becomes one {@code unknown} operation.
 */
public final class SqlFrontEnd {
    private final boolean useJsqlParser;
    private final AstDemand demand;

    public SqlFrontEnd(boolean useJsqlParser) {
        this(useJsqlParser, AstDemand.ALWAYS);
    }

    /** Parses with JSqlParser only the statements whose AST some consumer can tell apart from the tokens' reading. */
    public SqlFrontEnd(AstDemand demand) {
        this(true, demand);
    }

    private SqlFrontEnd(boolean useJsqlParser, AstDemand demand) {
        this.useJsqlParser = useJsqlParser;
        this.demand = demand;
    }

    public SqlFrontEnd() {
        this(true);
    }

    public ParsedFile parse(SourceFile file, Dialect dialect) {
        return parse(file, dialect, List.of());
    }

    /**
     * As above, for a file whose runner ends a statement at some comment lines too ({@code boundaries}: its section
     * and statement-block markers, lower-cased without white space; see {@link StatementSplitter#split(String, List,
     * List)}).
     */
    public ParsedFile parse(SourceFile file, Dialect dialect, List<String> boundaries) {
        // Liquibase's --rollback lines are SQL (run on rollback): lexed as code, at their own offsets.
        String text = LiquibaseRollback.expose(file.text());
        List<Token> tokens = Lexer.tokenize(text, dialect);
        List<Statement> statements = new ArrayList<>(StatementSplitter.split(text, tokens, boundaries));
        // A comment left open at the very end lies between statements; give it a statement so it gets reported.
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).unterminated()) {
            Token last = tokens.get(tokens.size() - 1);
            int previousEnd = statements.isEmpty() ? 0 : statements.get(statements.size() - 1).span().end();
            if (last.start() >= previousEnd) {
                statements.add(new Statement(statements.size(), last.span(), List.of(last), null,
                        new Span(previousEnd, last.start())));
            }
        }
        List<ParsedStatement> parsed = new ArrayList<>(statements.size());
        for (Statement st : statements) {
            parsed.add(withEmbedded(text, parseStatement(text, st, dialect), dialect, 0));
        }
        if (dialect == Dialect.POSTGRESQL) {
            withCalledRoutines(text, parsed, dialect);
        }
        withConflictMarkers(file, parsed);
        return new ParsedFile(file, dialect, tokens, parsed);
    }

    /**
     * Unresolved merge-conflict markers turn two versions of the file into statements no one wrote; they become one
     * operation, first in the statement the first marker falls in (or precedes), spanning that marker's line.
     */
    private static void withConflictMarkers(SourceFile file, List<ParsedStatement> parsed) {
        List<Integer> markers = ConflictMarkers.find(file.text());
        if (markers.isEmpty() || parsed.isEmpty()) {
            return;
        }
        LineIndex lines = file.lines();
        StringBuilder list = new StringBuilder();
        for (int at : markers) {
            list.append(list.length() == 0 ? "" : ", ").append(lines.line(at));
        }
        int first = markers.get(0);
        int target = parsed.size() - 1;
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.get(i).statement().span().end() > first) {
                target = i;
                break;
            }
        }
        int eol = file.text().indexOf('\n', first);
        Span span = new Span(first, eol < 0 ? file.text().length() : eol);
        ParsedStatement ps = parsed.get(target);
        List<ParsedOperation> ops = new ArrayList<>();
        ops.add(new ParsedOperation(new Operation.MergeConflictMarker(list.toString(), markers.size()), span, Source.TOKENS));
        ops.addAll(ps.operations());
        parsed.set(target, new ParsedStatement(ps.statement(), List.copyOf(ops), ps.parsedByJsql(), ps.parseError()));
    }

    /**
     * The statement with the operations of the SQL it holds appended (a DO body, EXECUTE of a literal, a WITH's
     * data-modifying queries; see {@link EmbeddedSql}), each with its own span in the file. What is not understood
     * inside is left out: the enclosing statement was understood, and its own operation stays first.
     */
    private ParsedStatement withEmbedded(String text, ParsedStatement ps, Dialect dialect, int depth) {
        List<EmbeddedSql.Piece> pieces = EmbeddedSql.of(ps.statement(), dialect);
        if (pieces.isEmpty()) {
            return ps;
        }
        List<ParsedOperation> ops = new ArrayList<>(ps.operations());
        ops.addAll(embeddedOperations(text, pieces, dialect, depth + 1));
        return new ParsedStatement(ps.statement(), List.copyOf(ops), ps.parsedByJsql(), ps.parseError());
    }

    private List<ParsedOperation> embeddedOperations(String text, List<EmbeddedSql.Piece> pieces, Dialect dialect, int depth) {
        List<ParsedOperation> out = new ArrayList<>();
        if (depth > EmbeddedSql.MAX_DEPTH) {
            return out;
        }
        for (EmbeddedSql.Piece piece : pieces) {
            if (piece.direct() != null) {
                out.add(new ParsedOperation(piece.direct(), piece.span(), Source.EMBEDDED, piece.span()));
                continue;
            }
            ParsedStatement inner;
            if (piece.sameText()) {
                inner = parseStatement(text, piece.statement(), dialect);
            } else {
                Optional<List<ParsedOperation>> ops = firstUnterminated(piece.statement()) == null
                        ? TokenRecognizer.recognize(piece.statement(), dialect) : Optional.empty();
                inner = new ParsedStatement(piece.statement(), ops.orElse(List.of()), false, null);
            }
            inner = withEmbedded(text, inner, dialect, depth);
            Span own = tokenSpan(piece.statement());
            for (ParsedOperation po : inner.operations()) {
                if (!(po.operation() instanceof Unknown) && !(po.operation() instanceof FileProblem)) {
                    // An operation nested deeper keeps the statement it was found in.
                    Span statement = po.statement() != null ? po.statement() : own != null ? own : po.span();
                    out.add(new ParsedOperation(po.operation(), po.span(), Source.EMBEDDED, statement));
                }
            }
        }
        return out;
    }

    /** An embedded statement's extent in the file, from its tokens (which carry file offsets), terminator included. */
    private static Span tokenSpan(Statement st) {
        List<Token> tokens = st.tokens();
        if (tokens.isEmpty()) {
            return null;
        }
        int end = st.terminator() != null ? Math.max(st.terminator().end(), tokens.get(tokens.size() - 1).end())
                : tokens.get(tokens.size() - 1).end();
        return new Span(tokens.get(0).start(), end);
    }

    /**
     * A function or procedure created in the file and called by a later statement (SELECT f(), CALL p(), PERFORM f()
     * in a DO body) runs its body there: the CREATE statement gets the body's operations, with their spans in it.
     */
    private void withCalledRoutines(String text, List<ParsedStatement> parsed, Dialect dialect) {
        Map<String, Integer> defined = new HashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            ParsedStatement ps = parsed.get(i);
            List<Token> code = ps.statement().code();
            if (!code.isEmpty() && code.get(0).is("CREATE")) {
                EmbeddedSql.Routine r = EmbeddedSql.routine(ps.statement(), dialect);
                if (r != null && !r.pieces().isEmpty()) {
                    defined.put(r.name(), i);
                }
                continue;
            }
            if (defined.isEmpty()) {
                continue;
            }
            Set<String> called = new HashSet<>(EmbeddedSql.calls(ps.statement()));
            for (EmbeddedSql.Piece piece : EmbeddedSql.of(ps.statement(), dialect)) {
                if (piece.statement() != null) {
                    called.addAll(EmbeddedSql.calls(piece.statement()));
                }
            }
            for (String name : called) {
                Integer at = defined.remove(name);
                if (at != null) {
                    ParsedStatement creator = parsed.get(at);
                    EmbeddedSql.Routine r = EmbeddedSql.routine(creator.statement(), dialect);
                    List<ParsedOperation> ops = new ArrayList<>(creator.operations());
                    ops.addAll(embeddedOperations(text, r.pieces(), dialect, 1));
                    parsed.set(at, new ParsedStatement(creator.statement(), List.copyOf(ops), creator.parsedByJsql(),
                            creator.parseError()));
                }
            }
        }
    }

    public ParsedStatement parseStatement(String text, Statement st, Dialect dialect) {
        Token unterminated = firstUnterminated(st);
        if (unterminated != null) {
            String what = switch (unterminated.type()) {
                case DOLLAR_STRING -> "dollar-quoted string";
                case BLOCK_COMMENT -> "block comment";
                case QUOTED_IDENT -> "quoted identifier";
                default -> "string literal";
            };
            FileProblem problem = new FileProblem("unterminated", "unterminated " + what + " runs to the end of the file");
            return new ParsedStatement(st, List.of(new ParsedOperation(problem, unterminated.span(), Source.TOKENS)),
                    false, null);
        }
        Optional<List<ParsedOperation>> byTokens = TokenRecognizer.recognize(st, dialect);
        String parseError = null;
        String statementClass = useJsqlParser ? astClass(st) : null;
        if (statementClass != null && AstDemand.needed(demand, statementClass, kinds(byTokens))) {
            JsqlFrontEnd.Result result = tooDeep(st)
                    ? new JsqlFrontEnd.Result(null, "statement nested deeper than " + JsqlFrontEnd.MAX_NESTING
                            + " parentheses; JSqlParser was not run on it")
                    : JsqlFrontEnd.parse(st.body(text), dialect);
            if (result.ok()) {
                Optional<List<Operation>> mapped;
                try {
                    mapped = AstOperationMapper.map(result.ast(), dialect);
                } catch (RuntimeException e) {
                    // JSqlParser's AST has accessors that throw on shapes it parsed; the tokens still know the statement.
                    mapped = Optional.empty();
                }
                if (mapped.isPresent() && !mapped.get().isEmpty()) {
                    return new ParsedStatement(st, withSpans(st, mapped.get(), byTokens.orElse(List.of())), true, null);
                }
            } else {
                parseError = result.error();
            }
        }
        if (byTokens.isPresent() && !byTokens.get().isEmpty()) {
            return new ParsedStatement(st, byTokens.get(), false, parseError);
        }
        String leading = TokenCursor.leadingWords(st.code(), 3);
        String reason = parseError != null ? "JSqlParser: " + parseError : "statement shape not recognized";
        return new ParsedStatement(st, List.of(new ParsedOperation(new Unknown(leading, reason), st.span(), Source.TOKENS)),
                false, parseError);
    }

    /**
     * Whether the statement nests parentheses deeper than JSqlParser is allowed to go. Its own nesting limit does not
     * cover every construct, and a recursive-descent parse of 10,000 nested parentheses runs for seconds before it
     * overflows the stack; the tokens tell the depth in one pass.
     */
    static boolean tooDeep(Statement st) {
        int depth = 0;
        for (Token t : st.tokens()) {
            if (t.type() == TokenType.LPAREN) {
                if (++depth > JsqlFrontEnd.MAX_NESTING) {
                    return true;
                }
            } else if (t.type() == TokenType.RPAREN && depth > 0) {
                depth--;
            }
        }
        return false;
    }

    private static List<String> kinds(Optional<List<ParsedOperation>> ops) {
        if (ops.isEmpty() || ops.get().isEmpty()) {
            return List.of();
        }
        OperationCatalog catalog = OperationCatalog.get();
        List<String> kinds = new ArrayList<>(ops.get().size());
        for (ParsedOperation po : ops.get()) {
            kinds.add(catalog.kindName(po.operation()));
        }
        return kinds;
    }

    /**
     * The statement class ({@link AstDemand#AST_KINDS} key) when {@link AstOperationMapper} maps statements of its
     * kind, else null: parsing anything else would be wasted work.
     */
    static String astClass(Statement st) {
        List<Token> tokens = st.tokens();
        Token first = null;
        Token second = null;
        Token third = null;
        int seen = 0;
        // The leading code tokens, without building the statement's whole code list.
        for (int i = 0; i < tokens.size() && seen < 5; i++) {
            Token t = tokens.get(i);
            if (t.isTrivia()) {
                continue;
            }
            if (seen == 0) {
                first = t;
            } else if (seen == 1) {
                second = t;
            } else if (seen == 2) {
                third = t;
            }
            seen++;
        }
        if (first == null || first.type() != TokenType.WORD) {
            return null;
        }
        if (first.isAny("UPDATE", "DELETE", "INSERT", "TRUNCATE")) {
            return first.text().toLowerCase(Locale.ROOT);
        }
        if (first.is("DROP") && second != null) {
            if (second.is("TABLE")) {
                return "drop table";
            }
            return second.is("INDEX") && third != null && !third.is("CONCURRENTLY") ? "drop index" : null;
        }
        if (first.is("CREATE")) {
            int n = 0;
            for (int i = 0; i < tokens.size() && n < 5; i++) {
                Token t = tokens.get(i);
                if (t.isTrivia()) {
                    continue;
                }
                if (n++ == 0) {
                    continue;
                }
                if (t.is("TABLE")) {
                    return "create table";
                }
                if (t.is("INDEX")) {
                    return "create index";
                }
                if (!t.isAny("UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "OR", "REPLACE")) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Gives AST operations the spans of the token recognizer's matching operations, else the statement's span. */
    private static List<ParsedOperation> withSpans(Statement st, List<Operation> ops, List<ParsedOperation> byTokens) {
        OperationCatalog catalog = OperationCatalog.get();
        List<ParsedOperation> out = new ArrayList<>(ops.size());
        boolean aligned = byTokens.size() == ops.size();
        for (int i = 0; i < ops.size() && aligned; i++) {
            aligned = catalog.kindName(ops.get(i)).equals(catalog.kindName(byTokens.get(i).operation()));
        }
        for (int i = 0; i < ops.size(); i++) {
            Span span = aligned ? byTokens.get(i).span() : st.span();
            out.add(new ParsedOperation(ops.get(i), span, Source.JSQLPARSER));
        }
        return out;
    }

    private static Token firstUnterminated(Statement st) {
        for (Token t : st.tokens()) {
            if (t.unterminated()) {
                return t;
            }
        }
        return null;
    }
}
