package dev.migralint.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report formats by name: the one place a new format is registered. */
public final class Reporters {
    /**
     * What a reporter may need besides the results.
     *
     * @param color         ANSI colour allowed
     * @param showSuppressed include findings silenced inline
     * @param toolVersion   migralint's version
     */
    public record Options(boolean color, boolean showSuppressed, String toolVersion) {}

    public static final List<String> FORMATS = List.of("text", "json");

    private Reporters() {
    }

    public static Optional<Reporter> create(String format, Options options) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> Optional.of(new TextReporter(new Style(options.color()), options.showSuppressed()));
            case "json" -> Optional.of(new JsonReporter(options.toolVersion()));
            default -> Optional.empty();
        };
    }
}
