package dev.migralint.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The INSERT ... SELECT copies of a file that each take every row of a table but only some of its columns. Together
 * they may keep the whole table: an SQLite rebuild that moves a column into a table of its own copies the other
 * columns into the new copy and that column, with the key, into the new table (the old table is then dropped).
 */
final class SplitCopies {
    private final Map<String, Set<String>> columns = new HashMap<>();
    private final Map<String, List<String>> targets = new HashMap<>();
    private final Set<String> complete = new HashSet<>();

    /**
     * Records a copy of every row of {@code source} (a table key) into {@code target} that names only
     * {@code copied} of its columns; {@code known} are the columns the linted history gave the source.
     */
    void add(String source, Set<String> copied, String target, Set<String> known) {
        if (copied == null || known == null || known.isEmpty()) {
            return;
        }
        Set<String> union = columns.computeIfAbsent(source, k -> new HashSet<>());
        union.addAll(copied);
        targets.computeIfAbsent(source, k -> new ArrayList<>()).add(target);
        if (union.containsAll(known) && targets.get(source).size() > 1) {
            complete.add(source);
        }
    }

    /** The tables the copies of {@code source} went to when together they name every column of it, else null. */
    List<String> completeTargets(String source) {
        return complete.contains(source) ? List.copyOf(targets.get(source)) : null;
    }

    void clear() {
        columns.clear();
        targets.clear();
        complete.clear();
    }
}
