package dev.migralint.workspace;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Git-style globs over forward-slash paths: {@code **} crosses directories, {@code *} and {@code ?} do not. */
public final class Glob {
    private final Pattern pattern;
    private final String text;

    public Glob(String glob) {
        this.text = glob;
        try {
            this.pattern = Pattern.compile(toRegex(glob));
        } catch (PatternSyntaxException e) {
            throw new Invalid(glob, e.getDescription());
        }
    }

    /** A pattern that is not a glob (an unclosed [ or {): a usage error, named, not a stack trace. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String glob, String why) {
            super("invalid glob pattern '" + glob + "': " + why.toLowerCase(Locale.ROOT));
        }
    }

    public boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    public static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    static String toRegex(String glob) {
        StringBuilder b = new StringBuilder();
        String g = glob.startsWith("./") ? glob.substring(2) : glob;
        int brace = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
                            i++;
                            b.append("(?:.*/)?");
                        } else {
                            b.append(".*");
                        }
                    } else {
                        b.append("[^/]*");
                    }
                }
                case '?' -> b.append("[^/]");
                case '{' -> {
                    brace++;
                    b.append("(?:");
                }
                case '}' -> {
                    brace--;
                    b.append(')');
                }
                case ',' -> b.append(brace > 0 ? "|" : ",");
                case '[' -> b.append('[');
                case ']' -> b.append(']');
                default -> {
                    if ("\\.^$+()|".indexOf(c) >= 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }
}
