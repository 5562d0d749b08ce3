package dev.migralint.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a rule's {@code message}. Two forms:
 * <ul>
 *   <li>{@code {fact}}: the fact's value (a list joined with ", "; a missing value as "(unknown)");</li>
 *   <li>{@code {?{fact}then}} or {@code {?{fact}then|else}}: {@code then} when the fact is set, else {@code else}
 *       (or nothing). A fact is unset when it is missing, false, zero, empty or "none". Both branches may hold
 *       placeholders and further conditionals.</li>
 * </ul>
 * The condition is written as an ordinary placeholder so that everything that lists a message's facts (rule loading,
 * the front end's demand analysis) sees it. Text that is not a well-formed template is copied as written.
 */
public final class MessageTemplate {
    /** A {@code {fact}} placeholder; a conditional's {@code {?{fact}...}} holds one too. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9.-]*)\\}");

    private MessageTemplate() {
    }

    /** The fact names a template's placeholders and conditionals name, in order of appearance (repeats kept). */
    public static List<String> factsNamed(String template) {
        List<String> names = new ArrayList<>();
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    public static String render(String template, Function<String, Object> facts) {
        if (template == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(template.length() + 64);
        render(template, 0, template.length(), facts, out);
        return out.toString();
    }

    private static void render(String t, int from, int to, Function<String, Object> facts, StringBuilder out) {
        int i = from;
        while (i < to) {
            char c = t.charAt(i);
            if (c == '{' && t.startsWith("{?{", i)) {
                int nameEnd = t.indexOf('}', i + 3);
                int close = nameEnd < 0 ? -1 : matching(t, i, to);
                if (nameEnd > 0 && close > nameEnd && isName(t, i + 3, nameEnd)) {
                    int bodyStart = nameEnd + 1;
                    int bar = topLevelBar(t, bodyStart, close);
                    boolean set = isSet(facts.apply(t.substring(i + 3, nameEnd)));
                    if (set) {
                        render(t, bodyStart, bar < 0 ? close : bar, facts, out);
                    } else if (bar >= 0) {
                        render(t, bar + 1, close, facts, out);
                    }
                    i = close + 1;
                    continue;
                }
                out.append(t, i, to); // an unbalanced conditional: the rest is copied as written
                return;
            } else if (c == '{') {
                int end = t.indexOf('}', i + 1);
                if (end > 0 && end <= to && isName(t, i + 1, end)) {
                    out.append(text(facts.apply(t.substring(i + 1, end))));
                    i = end + 1;
                    continue;
                }
            }
            // Literal text up to the next brace, in one piece.
            int next = t.indexOf('{', i + 1);
            int end = next < 0 || next > to ? to : next;
            out.append(t, i, end);
            i = end;
        }
    }

    /** Index of the '}' closing the '{' at {@code open}, counting nested braces; -1 when unbalanced. */
    private static int matching(String t, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = t.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int topLevelBar(String t, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isName(String t, int from, int to) {
        if (to <= from || !(t.charAt(from) >= 'a' && t.charAt(from) <= 'z')) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static boolean isSet(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return false;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        String s = v.toString();
        return !s.isEmpty() && !s.equalsIgnoreCase("none");
    }

    static String text(Object v) {
        if (v == null) {
            return "(unknown)";
        }
        if (v instanceof List<?> l) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return v.toString();
    }
}
