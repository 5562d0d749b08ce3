package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.analysis.SchemaTracker;
import dev.migralint.rules.FileResult;
import dev.migralint.sql.Names;
import dev.migralint.sql.op.Operation;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.MigrationOrder;
import dev.migralint.workspace.RunnerDescriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each file's place in its history, from a run's results in history order: the operations of the later migrations
 * (what an unsafe rewrite must not break; those of down migrations marked, since only a retype heeds them), the named
 * indexes the earlier ones left (what a commented-out DROP would keep), and the types they gave the columns the file
 * retypes. The fixer lints its own results without the history, so a rewrite that depends on it asks here, by path,
 * in every round. A history is a directory of migrations (the parent directory for one-directory-per-migration
 * layouts: Prisma's migration.sql, Diesel's up.sql).
 */
public final class LaterInHistory {
    /** No history: a file on its own. */
    public static final LaterInHistory NONE = new LaterInHistory(Map.of(), Map.of(), Map.of());

    private final Map<String, List<LaterDependents.Later>> later;
    private final Map<String, IndexNames> indexesBefore;
    /** By path: the tracked state, at the file's start, of the tables whose columns the file retypes. */
    private final Map<String, Map<String, Map<String, String>>> retypedTablesBefore;

    private LaterInHistory(Map<String, List<LaterDependents.Later>> later, Map<String, IndexNames> indexesBefore,
                           Map<String, Map<String, Map<String, String>>> retypedTablesBefore) {
        this.later = later;
        this.indexesBefore = indexesBefore;
        this.retypedTablesBefore = retypedTablesBefore;
    }

    public static LaterInHistory of(List<FileResult> files) {
        Map<String, List<FileResult>> byHistory = new LinkedHashMap<>();
        for (FileResult f : files) {
            if (f.analyzed() != null) {
                byHistory.computeIfAbsent(history(f.path()), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, List<LaterDependents.Later>> later = new HashMap<>();
        Map<String, IndexNames> before = new HashMap<>();
        Map<String, Map<String, Map<String, String>>> retyped = new HashMap<>();
        for (List<FileResult> history : byHistory.values()) {
            // What is later is what the runner applies later: Diesel's 2014… before its 2025-02-17-… (the results
            // come in path order, which compares 2025 with 20140925132248 as numbers).
            Framework runner = history.get(0).analyzed().framework();
            RunnerDescriptor d = runner == null ? null : runner.descriptor();
            MigrationOrder.sort(history, FileResult::path, d == null ? MigrationOrder.NATURAL : d.migrationOrder(),
                    d != null && d.perDirectory());
            List<LaterDependents.Later> suffix = new ArrayList<>();
            for (int i = history.size() - 1; i >= 0; i--) {
                FileResult f = history.get(i);
                later.put(f.path(), List.copyOf(suffix));
                List<LaterDependents.Later> own = new ArrayList<>();
                for (AnalyzedOperation ao : f.analyzed().operations()) {
                    boolean down = "down".equals(ao.context().get(ContextFacts.DIRECTION));
                    own.add(LaterDependents.later((down ? "a later down migration, " : "a later migration, ")
                            + f.path(), ao, down, f.analyzed().parsed().source().text()));
                }
                suffix.addAll(0, own);
            }
            IndexNames indexes = new IndexNames();
            SchemaTracker columns = new SchemaTracker();
            for (FileResult f : history) {
                before.put(f.path(), indexes.copy());
                Map<String, Map<String, String>> tables = retypedTables(f, columns);
                if (!tables.isEmpty()) {
                    retyped.put(f.path(), tables);
                }
                for (AnalyzedOperation ao : up(f)) {
                    indexes.apply(ao.operation().operation());
                    columns.apply(ao.operation().operation());
                }
            }
        }
        return new LaterInHistory(later, before, retyped);
    }

    /** The tracked state of the tables whose columns the file retypes (ALTER COLUMN ... TYPE), as they are now. */
    private static Map<String, Map<String, String>> retypedTables(FileResult f, SchemaTracker columns) {
        Map<String, Map<String, String>> out = new HashMap<>();
        Map<String, Map<String, String>> all = null;
        for (AnalyzedOperation ao : f.analyzed().operations()) {
            if (ao.operation().operation() instanceof Operation.AlterColumnType t && t.table() != null) {
                all = all == null ? columns.snapshot() : all;
                String key = Names.unqualified(t.table()).toLowerCase(Locale.ROOT);
                Map<String, String> table = all.get(key);
                if (table != null) {
                    out.put(key, table);
                }
            }
        }
        return out;
    }

    /**
     * The type the history gives a column just before an operation of the file (the earlier migrations, then the
     * file's own operations before it), or null when the history does not declare it.
     */
    String typeBefore(String path, List<AnalyzedOperation> file, AnalyzedOperation at, String table, String column) {
        Map<String, Map<String, String>> tables = retypedTablesBefore.get(path);
        SchemaTracker tracker = new SchemaTracker();
        if (tables != null) {
            Map<String, Map<String, String>> copy = new HashMap<>();
            tables.forEach((t, cols) -> copy.put(t, new HashMap<>(cols)));
            tracker.restore(copy);
        }
        for (AnalyzedOperation ao : file) {
            if (ao == at) {
                break;
            }
            if (!"down".equals(ao.context().get(ContextFacts.DIRECTION))) {
                tracker.apply(ao.operation().operation());
            }
        }
        return tracker.typeOf(table, column);
    }

    /** The operations of the later migrations of the file's history, in order (down ones marked). */
    List<LaterDependents.Later> later(String path) {
        return later.getOrDefault(path, List.of());
    }

    /** The named indexes the earlier migrations of the file's history left, as a copy to follow the file with. */
    IndexNames indexesBefore(String path) {
        IndexNames known = indexesBefore.get(path);
        return known == null ? new IndexNames() : known.copy();
    }

    private static List<AnalyzedOperation> up(FileResult f) {
        List<AnalyzedOperation> out = new ArrayList<>();
        for (AnalyzedOperation ao : f.analyzed().operations()) {
            if (!"down".equals(ao.context().get(ContextFacts.DIRECTION))) {
                out.add(ao);
            }
        }
        return out;
    }

    static String history(String path) {
        String p = path.replace('\\', '/');
        String dir = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.equals("migration.sql") || name.equals("up.sql") || name.equals("down.sql")) {
            dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
        }
        return dir;
    }
}
