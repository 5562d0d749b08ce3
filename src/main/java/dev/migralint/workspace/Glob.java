package dev.migralint.workspace;

import java.util.ArrayList;
import java.util.List;
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
    /**
     * The glob's literal parts before its tail, in order, which every matching path holds in that order before the
     * tail ({@code migrations/} in {@code **}{@code /migrations/*.sql}): most paths fail here, without the regex.
     * Empty when the glob has alternatives.
     */
    private final String[] literals;

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
        this.literals = literals(g.substring(0, i));
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
        int from = 0;
        for (String literal : literals) {
            int at = path.indexOf(literal, from);
            if (at < 0) {
                return false;
            }
            from = at + literal.length();
        }
        if (from > path.length() - tail.length()) {
            return false;
        }
        return pattern.matcher(path).matches();
    }

    /**
     * The literal runs of a glob (its part before the tail): what is left between {@code *}, {@code **}{@code /},
     * {@code ?} and {@code [...]} classes. None for a glob with braces or commas (alternatives) or a class that is not
     * plain, which the regex alone answers.
     */
    private static String[] literals(String head) {
        if (head.indexOf('{') >= 0 || head.indexOf('}') >= 0 || head.indexOf(',') >= 0) {
            return new String[0];
        }
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']') {
                if (run.length() > 0) {
                    out.add(run.toString());
                    run.setLength(0);
                }
                if (c == '*' && i + 2 < head.length() && head.charAt(i + 1) == '*' && head.charAt(i + 2) == '/') {
                    i += 2; // "**/" may match nothing, its slash included
                } else if (c == '[') {
                    int close = head.indexOf(']', i + 1);
                    String inside = close < 0 ? "" : head.substring(i + 1, close);
                    if (close < 0 || inside.indexOf('[') >= 0 || inside.indexOf('\\') >= 0 || inside.indexOf('&') >= 0) {
                        return new String[0];
                    }
                    i = close;
                } else if (c == ']') {
                    return new String[0];
                }
            } else {
                run.append(c);
            }
        }
        if (run.length() > 0) {
            out.add(run.toString());
        }
        return out.toArray(new String[0]);
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
