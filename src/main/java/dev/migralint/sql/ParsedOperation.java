package dev.migralint.sql;

import dev.migralint.sql.op.Operation;

/**
 * An operation with the part of the statement it comes from.
 *
 * @param span      the tokens of this operation (an ALTER TABLE action, or the whole statement)
 * @param source    which front end produced it; {@code EMBEDDED} for SQL inside another statement (a DO body, EXECUTE
 *                  of a literal, a WITH query, a called routine's body), which fixes never edit
 * @param statement for an embedded operation, the span of the embedded statement it belongs to (so a change to
 *                  another statement of the same DO block is not a change to it); null for a top-level operation,
 *                  whose statement is the enclosing one
 */
public record ParsedOperation(Operation operation, Span span, Source source, Span statement) {
    public enum Source { JSQLPARSER, TOKENS, EMBEDDED }

    public ParsedOperation(Operation operation, Span span, Source source) {
        this(operation, span, source, null);
    }
}
