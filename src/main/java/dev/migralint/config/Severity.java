package dev.migralint.config;

import java.util.Locale;
import java.util.Optional;

/** Finding severities, most severe first. */
public enum Severity {
    ERROR, WARNING, NOTICE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as severe as the threshold. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public static Optional<Severity> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> Optional.of(ERROR);
            case "warning", "warn" -> Optional.of(WARNING);
            case "notice", "info", "note" -> Optional.of(NOTICE);
            default -> Optional.empty();
        };
    }
}
