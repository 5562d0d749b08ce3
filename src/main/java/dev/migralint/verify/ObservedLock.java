package dev.migralint.verify;

import java.util.List;
import java.util.Locale;
/**
 * A table-level lock the migration's backend held, as {@code pg_locks} showed it.
 *
 * @param relation the relation, schema-qualified ({@code public.users}; an index is a relation too)
 * @param mode     the lock mode in the documentation's words ({@code ACCESS EXCLUSIVE})
 */
public record ObservedLock(String relation, String mode) {
    /** The modes from weakest to strongest, as the "Explicit Locking" chapter lists them. */
    static final List<String> ORDER = List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
            "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");

    /** {@code AccessExclusiveLock} to {@code ACCESS EXCLUSIVE}. */
    static String modeOf(String pgLocksMode) {
        String m = pgLocksMode.endsWith("Lock") ? pgLocksMode.substring(0, pgLocksMode.length() - 4) : pgLocksMode;
        return m.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** Position of a mode in {@link #ORDER}, -1 for "none" or an unknown mode. */
    static int strength(String mode) {
        return mode == null ? -1 : ORDER.indexOf(mode);
    }
}
