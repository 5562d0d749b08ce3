package dev.migralint.sql;

import java.nio.file.Path;

/**
 * A migration file's decoded text.
 *
 * @param path        where it lives on disk (may be null for text from git blobs or tests)
 * @param displayPath the path as reports show it, with forward slashes, relative to the repository root when known
 * @param text        the decoded text, without a BOM
 */
public record SourceFile(Path path, String displayPath, String text, LineIndex lines) {
    public static SourceFile of(Path path, String displayPath, String text) {
        return new SourceFile(path, displayPath, text, new LineIndex(text));
    }

    public static SourceFile ofText(String displayPath, String text) {
        return of(null, displayPath, text);
    }
}
