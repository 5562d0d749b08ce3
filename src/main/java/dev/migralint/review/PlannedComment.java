package dev.migralint.review;

/**
 * A review comment to post: on {@code line}, or on the range {@code startLine}..{@code line} when they differ.
 *
 * @param key the finding's fingerprint, with ":n" for the n-th further part of its rewrite
 */
public record PlannedComment(String path, int startLine, int line, String key, String body) {
    public boolean multiLine() {
        return startLine < line;
    }
}
