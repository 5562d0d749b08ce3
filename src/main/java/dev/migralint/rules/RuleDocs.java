package dev.migralint.rules;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

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

    private final Supplier<Text> source;
    private volatile Text text;

    private RuleDocs(Text text, Supplier<Text> source) {
        this.text = text;
        this.source = source;
    }

    public static RuleDocs of(String description, List<RuleExample> examples) {
        return new RuleDocs(new Text(description, examples), null);
    }

    /** Docs read when first asked for; {@code source} must not fail (it falls back itself). */
    static RuleDocs later(Supplier<Text> source) {
        return new RuleDocs(null, Objects.requireNonNull(source));
    }

    private Text text() {
        Text t = text;
        if (t == null) {
            t = Objects.requireNonNull(source.get(), "rule docs");
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
