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

    public SqlFrontEnd(boolean useJsqlParser) {
        this.useJsqlParser = useJsqlParser;
    }

    public SqlFrontEnd() {
        this(true);
    }

    public ParsedFile parse(SourceFile file, Dialect dialect) {
        List<Token> tokens = Lexer.tokenize(file.text(), dialect);
        List<Statement> statements = new ArrayList<>(StatementSplitter.split(file.text(), tokens));
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
            parsed.add(parseStatement(file.text(), st, dialect));
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
        if (useJsqlParser && wantsAst(st)) {
            JsqlFrontEnd.Result result = JsqlFrontEnd.parse(st.body(text), dialect);
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

    /** The statement classes {@link AstOperationMapper} maps; parsing anything else would be wasted work. */
    private static boolean wantsAst(Statement st) {
        List<Token> code = st.code();
        if (code.isEmpty() || code.get(0).type() != TokenType.WORD) {
            return false;
        }
        Token first = code.get(0);
        if (first.isAny("UPDATE", "DELETE", "INSERT", "TRUNCATE")) {
            return true;
        }
        if (first.is("DROP") && code.size() > 1) {
            return code.get(1).isAny("TABLE") || (code.get(1).is("INDEX") && code.size() > 2 && !code.get(2).is("CONCURRENTLY"));
        }
        if (first.is("CREATE")) {
            for (int i = 1; i < Math.min(code.size(), 5); i++) {
                Token t = code.get(i);
                if (t.isAny("TABLE", "INDEX")) {
                    return true;
                }
                if (!t.isAny("UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "OR", "REPLACE")) {
                    return false;
                }
            }
        }
        return false;
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
