package dev.migralint.workspace;

import dev.migralint.sql.SourceFile;

/**
 * A migration file as read from disk or a git blob: decoded text, or the reason it could not be.
 *
 * @param problem  binary, encoding, too-large or unreadable; null when {@code source} is set
 * @param line     the line the problem is on (for encoding errors), else 0
 * @param hadBom   the bytes started with a UTF-8 byte order mark (kept by fix)
 */
public record LoadedSource(String displayPath, SourceFile source, String problem, String detail, int line,
                           boolean hadBom) {
    public boolean ok() {
        return source != null;
    }
}
