package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.rules.FileResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The later migrations of each file's history, from a run's results in history order: a history is a directory of
 * migrations (the parent directory for one-directory-per-migration layouts: Prisma's migration.sql, Diesel's
 * up.sql). Only up operations count: down migrations undo, they are not what later deploys run.
 */
public final class LaterInHistory {
    private LaterInHistory() {
    }

    public static Function<String, List<LaterDependents.Later>> of(List<FileResult> files) {
        Map<String, List<FileResult>> byHistory = new LinkedHashMap<>();
        for (FileResult f : files) {
            if (f.analyzed() != null) {
                byHistory.computeIfAbsent(history(f.path()), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, List<LaterDependents.Later>> out = new HashMap<>();
        for (List<FileResult> history : byHistory.values()) {
            List<LaterDependents.Later> suffix = new ArrayList<>();
            for (int i = history.size() - 1; i >= 0; i--) {
                FileResult f = history.get(i);
                out.put(f.path(), List.copyOf(suffix));
                List<LaterDependents.Later> own = new ArrayList<>();
                for (AnalyzedOperation ao : f.analyzed().operations()) {
                    if (!"down".equals(ao.context().get(ContextFacts.DIRECTION))) {
                        own.add(new LaterDependents.Later("a later migration, " + f.path(), ao.operation().operation()));
                    }
                }
                suffix.addAll(0, own);
            }
        }
        return path -> out.getOrDefault(path, List.of());
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
