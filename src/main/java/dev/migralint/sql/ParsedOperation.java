package dev.migralint.sql;

import dev.migralint.sql.op.Operation;

/**
 * An operation with the part of the statement it comes from.
 *
 * @param span   the tokens of this operation (an ALTER TABLE action, or the whole statement)
 * @param source which front end produced it; {@code EMBEDDED} for SQL inside another statement (a DO body, EXECUTE
 *               of a literal, a WITH query, a called routine's body), which fixes never edit
 */
public record ParsedOperation(Operation operation, Span span, Source source) {
    public enum Source { JSQLPARSER, TOKENS, EMBEDDED }
}
