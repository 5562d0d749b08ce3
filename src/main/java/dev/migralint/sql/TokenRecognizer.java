package dev.migralint.sql;

import dev.migralint.sql.op.Operation.*;

import java.util.List;
import java.util.Optional;

/**
 * Reads the operations of one statement from its tokens alone. {@link SqlFrontEnd} runs it on every statement: it
 * gives the exact span of each ALTER TABLE action, and the operations of the Postgres JSqlParser cannot parse (NOT
 * VALID, DROP INDEX CONCURRENTLY, DO blocks, CREATE TYPE ... AS ENUM, multi-action ALTER TABLE ... USING, ...). It
 * dispatches on the first word to one recognizer per statement family and returns empty when it does not know the
 * shape.
 */
public final class TokenRecognizer extends ShapeRecognizer {
    private TokenRecognizer(Statement statement, Dialect dialect) {
        super(statement, dialect);
    }

    public static Optional<List<ParsedOperation>> recognize(Statement statement, Dialect dialect) {
        TokenRecognizer r = new TokenRecognizer(statement, dialect);
        try {
            return r.run() ? Optional.of(List.copyOf(r.out)) : Optional.empty();
        } catch (RuntimeException e) {
            // A shape we misjudged halfway: better "unknown" than a wrong operation.
            return Optional.empty();
        }
    }

    boolean run() {
        if (code.isEmpty()) {
            return false;
        }
        if (statement.isMetaCommand()) {
            String text = code.get(0).text();
            int space = text.indexOf(' ');
            add(new MetaCommand(space > 0 ? text.substring(0, space) : text));
            return true;
        }
        if (code.get(0).type() == TokenType.DELIMITER_DIRECTIVE) {
            add(new Other("delimiter"));
            return true;
        }
        Token first = c.peek();
        if (first.type() == TokenType.LPAREN) {
            add(new Other("select"));
            return true;
        }
        if (first.type() != TokenType.WORD) {
            return false;
        }
        String w = first.upper();
        return switch (w) {
            case "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME" -> new SchemaObjectRecognizer(this).read(w);
            case "UPDATE", "DELETE", "INSERT", "REPLACE", "UPSERT", "WITH", "SELECT" ->
                    new DataStatementRecognizer(this).read(w);
            case "SET", "RESET", "PRAGMA", "BEGIN", "START", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "DO", "LOCK",
                 "VACUUM", "CLUSTER", "REINDEX", "REFRESH" -> new SessionStatementRecognizer(this).read(w);
            case "COMMIT", "END" -> simple(new Commit());
            case "GRANT", "REVOKE", "COMMENT", "ANALYZE", "ANALYSE", "NOTIFY", "LISTEN", "COPY", "CALL", "EXPLAIN",
                 "SHOW", "USE", "VALUES", "TABLE", "DECLARE", "PREPARE", "EXECUTE", "DEALLOCATE",
                 "DISCARD", "CHECKPOINT", "LOAD", "SECURITY", "IMPORT", "FLUSH", "OPTIMIZE", "CHECK", "ATTACH",
                 "DETACH", "REASSIGN", "CLOSE", "FETCH", "MOVE", "UNLISTEN", "DESCRIBE", "DESC" ->
                    simple(new Other(TokenCursor.leadingWords(code, w.equals("COMMENT") ? 2 : 1)));
            default -> false;
        };
    }
}
