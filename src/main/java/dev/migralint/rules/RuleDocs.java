package dev.migralint.rules;

import java.util.List;
import java.util.Objects;

/**
 * A rule's documentation: its description and its examples, the bulk of a rule file. A lint needs neither (reports
 * and {@code explain} do), so the bundled rules' docs are decoded on first use, all at once ({@link RuleIndex}).
 * Compared by content.
 */
public final class RuleDocs {
    /** The docs proper, once known. */
    public record Text(String description, List<RuleExample> examples) {
        public Text {
            examples = List.copyOf(examples);
        }
    }

    /** A bundled rule's id, whose docs are read when first asked for; null when they were given. */
    private final String bundledId;
    private volatile Text text;

    private RuleDocs(Text text, String bundledId) {
        this.text = text;
        this.bundledId = bundledId;
    }

    public static RuleDocs of(String description, List<RuleExample> examples) {
        return of(new Text(description, examples));
    }

    static RuleDocs of(Text text) {
        return new RuleDocs(Objects.requireNonNull(text), null);
    }

    /** A bundled rule's docs, read from the docs index (all rules' at once) when first asked for. */
    static RuleDocs bundled(String id) {
        return new RuleDocs(null, Objects.requireNonNull(id));
    }

    private Text text() {
        Text t = text;
        if (t == null) {
            t = RuleIndex.bundledDocs(bundledId);
            text = t;
        }
        return t;
    }

    public String description() {
        return text().description();
    }

    public List<RuleExample> examples() {
        return text().examples();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleDocs d && text().equals(d.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text().toString();
    }
}
