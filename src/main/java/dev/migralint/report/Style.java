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

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("1;31", s);
    }

    public String green(String s) {
        return wrap("1;32", s);
    }

    public String yellow(String s) {
        return wrap("1;33", s);
    }

    public String blue(String s) {
        return wrap("1;34", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    public String severity(Severity s, String text) {
        return switch (s) {
            case ERROR -> red(text);
            case WARNING -> yellow(text);
            case NOTICE -> blue(text);
        };
    }
}
