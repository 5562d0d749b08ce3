package dev.migralint.report;

import dev.migralint.config.Severity;

/** ANSI colours, or none. Colour is for terminals only and never with NO_COLOR set. */
public final class Style {
    private final boolean on;

    public Style(boolean on) {
        this.on = on;
    }

    public static boolean autoDetect() {
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        String term = System.getenv("TERM");
        return System.console() != null && (term == null || !term.equals("dumb"));
    }

    static final String BOLD = "1";
    static final String DIM = "2";
    static final String RED = "1;31";
    static final String GREEN = "1;32";
    static final String YELLOW = "1;33";
    static final String BLUE = "1;34";
    static final String CYAN = "36";

    static String of(Severity s) {
        return switch (s) {
            case ERROR -> RED;
            case WARNING -> YELLOW;
            case NOTICE -> BLUE;
        };
    }

    /** Starts text in this colour code in {@code b} (nothing when colour is off); {@link #close} ends it. */
    StringBuilder open(StringBuilder b, String code) {
        return on ? b.append("\u001b[").append(code).append('m') : b;
    }

    StringBuilder close(StringBuilder b) {
        return on ? b.append("\u001b[0m") : b;
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    public String bold(String s) {
        return wrap(BOLD, s);
    }

    public String dim(String s) {
        return wrap(DIM, s);
    }

    public String red(String s) {
        return wrap(RED, s);
    }

    public String green(String s) {
        return wrap(GREEN, s);
    }

    public String yellow(String s) {
        return wrap(YELLOW, s);
    }

    public String blue(String s) {
        return wrap(BLUE, s);
    }

    public String cyan(String s) {
        return wrap(CYAN, s);
    }

    public String severity(Severity s, String text) {
        return wrap(of(s), text);
    }
}
