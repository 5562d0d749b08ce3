package dev.migralint.config;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Keeps text that comes from files, names and configuration from acting on a terminal or a CI log: control characters
 * (C0, DEL, C1, hence ESC/OSC sequences), CR and LF inside a value, the line and paragraph separators and the bidi
 * overrides that reorder what a reviewer sees. In one-line values they are written as escapes ({@code \n},
 * {@code \u001B}); in code frames each becomes one replacement character, so the underline stays aligned. Every
 * stage may use it: it lives in the package the others build on.
 */
public final class Printable {
    private Printable() {
    }

    /** Whether the character must not be printed raw. Tab is not: it moves the cursor and nothing else. */
    public static boolean unsafe(char c) {
        if (c < 0x20) {
            return c != '\t';
        }
        if (c < 0x7F) {
            return false;
        }
        return c <= 0x9F // DEL and C1
                || c == 0x2028 || c == 0x2029
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /** Whether the character breaks a one-line value: an unsafe one, or a tab. */
    private static boolean breaksLine(char c) {
        return c == '\t' || unsafe(c);
    }

    /** The value on one line with every unsafe character (and tab) escaped; null stays null. */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !breaksLine(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!breaksLine(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04X", (int) c));
            }
        }
        return b.toString();
    }

    /** The text with each unsafe character replaced by U+FFFD, one for one (source lines in code frames). */
    public static String sameWidth(CharSequence s, int from, int to) {
        StringBuilder b = null;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                if (b == null) {
                    b = new StringBuilder(to - from).append(s, from, i);
                }
                b.append('\uFFFD');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s.subSequence(from, to).toString() : b.toString();
    }

    /**
     * A writer that lets line breaks and tabs through and escapes every other unsafe character: for streams that
     * carry messages, never colours (stderr).
     */
    public static Writer writer(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                if (c != '\n' && unsafe((char) c)) {
                    out.write(of(String.valueOf((char) c)));
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                write(new String(cbuf, off, len), 0, len);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                int start = off;
                for (int i = off; i < off + len; i++) {
                    char c = str.charAt(i);
                    if (c != '\n' && unsafe(c)) {
                        out.write(str, start, i - start);
                        out.write(of(String.valueOf(c)));
                        start = i + 1;
                    }
                }
                out.write(str, start, off + len - start);
            }
        };
    }
}
