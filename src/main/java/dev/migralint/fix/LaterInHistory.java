package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.rules.FileResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each file's place in its history, from a run's results in history order: the up operations of the later migrations
 * (what an unsafe rewrite must not break), and the named indexes the earlier ones left (what a commented-out DROP
 * would keep). A history is a directory of migrations (the parent directory for one-directory-per-migration layouts:
 * Prisma's migration.sql, Diesel's up.sql). Only up operations count: down migrations undo, they are not what later
 * deploys run.
 */
public final class LaterInHistory {
    /** No history: a file on its own. */
    public static final LaterInHistory NONE = new LaterInHistory(Map.of(), Map.of());

    private final Map<String, List<LaterDependents.Later>> later;
    private final Map<String, IndexNames> indexesBefore;

    private LaterInHistory(Map<String, List<LaterDependents.Later>> later, Map<String, IndexNames> indexesBefore) {
        this.later = later;
        this.indexesBefore = indexesBefore;
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
        for (List<FileResult> history : byHistory.values()) {
            List<LaterDependents.Later> suffix = new ArrayList<>();
            for (int i = history.size() - 1; i >= 0; i--) {
                FileResult f = history.get(i);
                later.put(f.path(), List.copyOf(suffix));
                List<LaterDependents.Later> own = new ArrayList<>();
                for (AnalyzedOperation ao : up(f)) {
                    own.add(new LaterDependents.Later("a later migration, " + f.path(), ao.operation().operation()));
                }
                suffix.addAll(0, own);
            }
            IndexNames indexes = new IndexNames();
            for (FileResult f : history) {
                before.put(f.path(), indexes.copy());
                for (AnalyzedOperation ao : up(f)) {
                    indexes.apply(ao.operation().operation());
                }
            }
        }
        return new LaterInHistory(later, before);
    }

    /** The up operations of the later migrations of the file's history, in order. */
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
