package dev.migralint.sql;

import dev.migralint.sql.ParsedOperation.Source;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.FileProblem;
import dev.migralint.sql.op.Operation.Unknown;
import dev.migralint.sql.op.OperationCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        // Liquibase's --rollback lines are SQL (run on rollback): lexed as code, at their own offsets.
        String text = LiquibaseRollback.expose(file.text());
        List<Token> tokens = Lexer.tokenize(text, dialect);
        List<Statement> statements = new ArrayList<>(StatementSplitter.split(text, tokens));
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
            parsed.add(parseStatement(text, st, dialect));
        }
        return new ParsedFile(file, dialect, tokens, parsed);
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
            return first.text().toLowerCase(java.util.Locale.ROOT);
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
