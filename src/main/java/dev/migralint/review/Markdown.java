package dev.migralint.review;

import dev.migralint.report.DeploymentSummary;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown for comments that quote hostile text. Prose from a migration goes through {@link #text} (entities and
 * backslashes: no tag, link, mention or HTML comment can start); code goes into a fence longer than any backtick run
 * it holds, so it cannot close the block. The marker that identifies a comment is its last line and is only ever
 * read from there, so a marker quoted inside a suggestion is never taken for one.
 */
public final class Markdown {
    private static final Pattern MARKER = Pattern.compile("\\n<!-- migralint:([a-z]+) ([0-9a-f:]{1,80}) -->\\s*$");

    private Markdown() {
    }

    /** Text from a migration or a rule, safe as Markdown prose (also inside an HTML element). */
    public static String text(String s) {
        return DeploymentSummary.escape(s);
    }

    /** Text as inline code. */
    public static String code(String s) {
        return DeploymentSummary.code(s);
    }

    /** A fenced block of {@code info} (e.g. "suggestion") holding these lines exactly. */
    public static String fence(String info, List<String> lines) {
        int longest = 0;
        for (String line : lines) {
            int run = 0;
            for (int i = 0; i < line.length(); i++) {
                run = line.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        StringBuilder b = new StringBuilder(fence).append(info).append('\n');
        for (String line : lines) {
            b.append(line).append('\n');
        }
        return b.append(fence).append('\n').toString();
    }

    /** The hidden marker line: kind ("finding", "summary") and key (hex, ':' separated). */
    public static String marker(String kind, String key) {
        return "\n<!-- migralint:" + kind + " " + key + " -->";
    }

    /** The marker a comment body ends with, as {kind, key}, or null. */
    public static String[] markerOf(String body) {
        if (body == null) {
            return null;
        }
        Matcher m = MARKER.matcher(body);
        return m.find() ? new String[] {m.group(1), m.group(2)} : null;
    }
}
