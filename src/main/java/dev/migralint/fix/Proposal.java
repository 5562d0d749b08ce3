package dev.migralint.fix;

import java.util.List;

/**
 * What a {@link Rewrite} offers for one finding: edits, or the reason no correct edit exists.
 *
 * @param removesStatement index of a statement the edits remove or comment out, or -1
 */
public record Proposal(List<Edit> edits, boolean safe, String description, String unavailable, int removesStatement) {

    public static Proposal of(List<Edit> edits, boolean safe, String description) {
        return new Proposal(List.copyOf(edits), safe, description, null, -1);
    }

    public static Proposal of(Edit edit, boolean safe, String description) {
        return of(List.of(edit), safe, description);
    }

    public static Proposal unavailable(String reason) {
        return new Proposal(List.of(), false, null, reason, -1);
    }

    public Proposal removing(int statementIndex) {
        return new Proposal(edits, safe, description, unavailable, statementIndex);
    }

    public boolean available() {
        return unavailable == null;
    }
}
