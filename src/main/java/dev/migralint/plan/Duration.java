package dev.migralint.plan;

/**
 * How long a statement may take, and where that comes from: observed by {@code migralint verify}, estimated from the
 * table statistics snapshot, or unknown.
 *
 * @param source  what the figure rests on
 * @param seconds the figure, or null when unknown
 * @param text    the figure in words, with its basis (e.g. "~41 s, estimated: 2.0 GB rewritten at an assumed 50 MB/s")
 */
public record Duration(Source source, Double seconds, String text) {
    public enum Source { OBSERVED, ESTIMATED, UNKNOWN }

    public static final Duration UNKNOWN = new Duration(Source.UNKNOWN, null, "unknown");
}
