package dev.migralint.sql;

import java.util.List;

/** A file split and parsed: its tokens (comments included, whitespace implied), statements and operations. */
public record ParsedFile(SourceFile source, Dialect dialect, List<Token> tokens, List<ParsedStatement> statements) {
}
