package dev.migralint.report;

import java.util.Locale;

/** Where reports point readers: the project and each rule's section of docs/rules.md. */
public final class Docs {
    /** The project's home page. */
    public static final String PROJECT_URL = "https://github.com/migralint/migralint";
    /** docs/rules.md in the repository; each rule is the section whose anchor is its id. */
    public static final String RULES_URL = PROJECT_URL + "/blob/main/docs/rules.md";

    private Docs() {
    }

    /** The rule's documentation: {@code docs/rules.md#rule-id}. */
    public static String ruleUrl(String ruleId) {
        return RULES_URL + "#" + anchor(ruleId);
    }

    /** A rule id as a URL fragment: ids are lower-case words joined by hyphens; anything else is dropped. */
    static String anchor(String ruleId) {
        StringBuilder b = new StringBuilder();
        for (char c : ruleId.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
