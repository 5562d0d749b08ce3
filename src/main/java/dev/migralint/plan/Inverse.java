package dev.migralint.plan;

import java.util.List;

/**
 * How one operation is undone.
 *
 * @param kind   whether it can be undone, and how
 * @param sql    the statements that undo it, in order (empty when there is nothing to run)
 * @param reason for IRREVERSIBLE and UNPLANNED: why, in words; for EXACT: a caveat, or null
 */
public record Inverse(Kind kind, List<String> sql, String reason) {
    public enum Kind {
        /** The statements restore the schema as it was. */
        EXACT,
        /** Nothing to undo in the schema (a SET, a VALIDATE, a column already dropped with its table). */
        NOTHING,
        /** Data or definitions are gone: the restore step from the backup is the way back. */
        IRREVERSIBLE,
        /** migralint did not understand the statement well enough to plan it. */
        UNPLANNED
    }

    public Inverse {
        sql = List.copyOf(sql);
    }

    static Inverse exact(String... sql) {
        return new Inverse(Kind.EXACT, List.of(sql), null);
    }

    static Inverse exactWithCaveat(String caveat, String... sql) {
        return new Inverse(Kind.EXACT, List.of(sql), caveat);
    }

    static Inverse nothing(String why) {
        return new Inverse(Kind.NOTHING, List.of(), why);
    }

    static Inverse irreversible(String why, String... partial) {
        return new Inverse(Kind.IRREVERSIBLE, List.of(partial), why);
    }

    static Inverse unplanned(String why) {
        return new Inverse(Kind.UNPLANNED, List.of(), why);
    }
}
