package dev.migralint.fix;

import dev.migralint.sql.Token;

import java.util.Locale;

/** Writes keywords in the letter case of the SQL around them: {@code create index} gets {@code concurrently}. */
public final class Keywords {
    private Keywords() {
    }

    /** The keyword (one or more words) in the case of {@code anchor}'s text: lower, upper, or Capitalized. */
    public static String like(Token anchor, String keyword) {
        return like(anchor == null ? null : anchor.text(), keyword);
    }

    public static String like(String sample, String keyword) {
        if (sample == null || sample.isEmpty() || !hasLetter(sample)) {
            return keyword.toUpperCase(Locale.ROOT);
        }
        String lower = sample.toLowerCase(Locale.ROOT);
        String upper = sample.toUpperCase(Locale.ROOT);
        if (sample.equals(upper)) {
            return keyword.toUpperCase(Locale.ROOT);
        }
        if (sample.equals(lower)) {
            return keyword.toLowerCase(Locale.ROOT);
        }
        if (Character.isUpperCase(sample.charAt(0)) && sample.substring(1).equals(lower.substring(1))) {
            return capitalizeWords(keyword);
        }
        return keyword.toUpperCase(Locale.ROOT);
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String capitalizeWords(String keyword) {
        StringBuilder b = new StringBuilder(keyword.length());
        boolean start = true;
        for (char c : keyword.toCharArray()) {
            if (Character.isLetter(c)) {
                b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                start = false;
            } else {
                b.append(c);
                start = c == ' ' || c == '_';
            }
        }
        return b.toString();
    }
}
