package dev.migralint.workspace;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Git-style globs over forward-slash paths: {@code **} crosses directories, {@code *} and {@code ?} do not. */
public final class Glob {
    private static final String META = "*?[]{},";

    private final Pattern pattern;
    private final String text;
    /** What every matching path ends with: the glob's literal tail (runner detection tries ~30 globs per file). */
    private final String tail;
    /** True for {@code **}{@code /*TAIL}: then ending with the tail is matching (paths without line breaks). */
    private final boolean tailDecides;

    public Glob(String glob) {
        this.text = glob;
        String g = glob.startsWith("./") ? glob.substring(2) : glob;
        int i = g.length();
        while (i > 0 && META.indexOf(g.charAt(i - 1)) < 0) {
            i--;
        }
        if (i >= 2 && i < g.length() && g.charAt(i) == '/' && g.startsWith("**", i - 2)) {
            i++; // the slash of "**/" is not in every match: "**/schema.sql" matches "schema.sql"
        }
        this.tail = g.substring(i);
        this.tailDecides = g.startsWith("**/*") && i == 4 && tail.indexOf('/') < 0;
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
        if (!path.endsWith(tail)) {
            return false;
        }
        if (tailDecides && !hasLineBreak(path)) {
            return true;
        }
        return pattern.matcher(path).matches();
    }

    /** The characters the regex's {@code .} does not match. */
    private static boolean hasLineBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
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
