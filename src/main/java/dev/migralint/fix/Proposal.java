package dev.migralint.fix;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Rewrite} offers for one finding: edits, or the reason no correct edit exists.
 *
 * @param removesStatement index of a statement the edits remove or comment out, or -1
 * @param tolerated        rules whose findings on the statements the edits add are expected, with why they are
 *                         safe there: the fixer writes a {@code migralint-ignore} with that reason where (and only
 *                         where) such a finding is raised, so the output passes check whichever rules are enabled
 */
public record Proposal(List<Edit> edits, boolean safe, String description, String unavailable, int removesStatement,
                       Map<String, String> tolerated) {

    public Proposal {
        tolerated = tolerated == null ? Map.of() : Map.copyOf(tolerated);
    }

    public Proposal(List<Edit> edits, boolean safe, String description, String unavailable, int removesStatement) {
        this(edits, safe, description, unavailable, removesStatement, Map.of());
    }

    public static Proposal of(List<Edit> edits, boolean safe, String description) {
        return new Proposal(List.copyOf(edits), safe, description, null, -1);
    }

    /** The same proposal, with findings of {@code rule} on the added statements expected (see {@code tolerated}). */
    public Proposal tolerating(String rule, String reason) {
        Map<String, String> t = new TreeMap<>(tolerated);
        t.put(rule, reason);
        return new Proposal(edits, safe, description, unavailable, removesStatement, t);
    }

    public static Proposal of(Edit edit, boolean safe, String description) {
        return of(List.of(edit), safe, description);
    }

    public static Proposal unavailable(String reason) {
        return new Proposal(List.of(), false, null, reason, -1);
    }

    public Proposal removing(int statementIndex) {
        return new Proposal(edits, safe, description, unavailable, statementIndex, tolerated);
    }

    public boolean available() {
        return unavailable == null;
    }
}
