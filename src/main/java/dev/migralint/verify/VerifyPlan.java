package dev.migralint.verify;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.FileAnalyzer;
import dev.migralint.analysis.RunnerModel;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.ProjectLayout;
import dev.migralint.workspace.SourceLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which migrations a verify run replays: for each history holding a changed migration, every migration before the
 * first changed one (the base history), then the changed ones, in the order the files were collected (the runner's).
 * Each file is parsed and analysed in history order, so the static model knows the old column types.
 *
 * @param notes files left out and why (another dialect, unreadable)
 */
public record VerifyPlan(List<History> histories, List<String> notes) {

    /** One history: the runner, its base migrations and its changed ones. */
    public record History(String key, Framework runner, List<Migration> base, List<Migration> change,
                          List<Migration> all) {
        /** The down migration of a changed file: a down section of its own, or a sibling down file. */
        public String downOf(Migration up) {
            if (up.has("down")) {
                return up.path() + " (down section)";
            }
            Migration f = downFile(up);
            return f == null ? null : f.path();
        }

        public Migration downFile(Migration up) {
            if (up.has("down")) {
                return up;
            }
            String want = up.path().replaceAll("(^|[./_-])up([./_-][^/]*)$", "$1down$2");
            if (want.equals(up.path())) {
                return null;
            }
            for (Migration m : all) {
                if (m.path().equals(want) && m.has("down")) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * @param files  every migration of the project, in the collector's (migration) order
     * @param change display paths of the changed migrations
     */
    public static VerifyPlan build(List<Candidate> files, Set<String> change, ProjectLayout layout,
                                   AnalysisSettings settings, long maxBytes) {
        SourceLoader loader = new SourceLoader(maxBytes);
        SqlFrontEnd frontEnd = new SqlFrontEnd();
        List<String> notes = new ArrayList<>();
        Map<String, List<Candidate>> byHistory = new LinkedHashMap<>();
        Map<String, Framework> runners = new LinkedHashMap<>();
        Map<Candidate, LoadedSource> loaded = new LinkedHashMap<>();
        for (Candidate c : files) {
            LoadedSource l = loader.load(c.path(), c.displayPath());
            if (!l.ok()) {
                if (change.contains(c.displayPath())) {
                    notes.add(c.displayPath() + ": not verified: " + l.detail());
                }
                continue;
            }
            String text = l.source().text();
            Dialect d = layout.dialect(c.path(), c.displayPath(), text);
            if (d != Dialect.POSTGRESQL) {
                if (change.contains(c.displayPath())) {
                    notes.add(c.displayPath() + ": not verified: it is written for " + d.displayName());
                }
                continue;
            }
            Framework f = layout.framework(c.path(), c.displayPath(), text);
            String key = historyKey(c.displayPath(), f);
            byHistory.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            runners.putIfAbsent(key, f);
            loaded.put(c, l);
        }
        List<History> out = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> h : byHistory.entrySet()) {
            List<Candidate> list = h.getValue();
            int first = -1;
            Set<Integer> changed = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                if (change.contains(list.get(i).displayPath())) {
                    changed.add(i);
                    first = first < 0 ? i : first;
                }
            }
            if (first < 0) {
                continue;
            }
            FileAnalyzer analyzer = new FileAnalyzer(settings);
            List<Migration> base = new ArrayList<>();
            List<Migration> changeList = new ArrayList<>();
            List<Migration> all = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Candidate c = list.get(i);
                LoadedSource l = loaded.get(c);
                Framework f = layout.framework(c.path(), c.displayPath(), l.source().text());
                Migration m;
                try {
                    ParsedFile parsed = frontEnd.parse(l.source(), Dialect.POSTGRESQL, f.descriptor().statementBoundaries());
                    AnalyzedFile analyzed = analyzer.analyze(parsed, f);
                    m = new Migration(c.displayPath(), analyzed, RunnerModel.of(parsed, f, settings), settings.transaction());
                } catch (RuntimeException | StackOverflowError e) {
                    notes.add(c.displayPath() + ": migralint could not analyse it (" + e.getClass().getSimpleName() + ")");
                    if (i < first) {
                        continue;
                    }
                    continue;
                }
                all.add(m);
                if (i < first) {
                    base.add(m);
                } else if (changed.contains(i)) {
                    changeList.add(m);
                } else if (!m.has("up")) {
                    continue; // a down file between changed ones: not applied
                } else {
                    notes.add(c.displayPath() + ": not applied: it comes after a changed migration and is not part of the change");
                }
            }
            out.add(new History(h.getKey(), runners.get(h.getKey()), base, changeList, all));
        }
        return new VerifyPlan(out, notes);
    }

    /** Migrations of one history share a directory (Prisma, Diesel: the directory above each migration's own). */
    public static String historyKey(String displayPath, Framework framework) {
        String dir = framework.historyDirectory(displayPath);
        return dir.isEmpty() ? "." : dir;
    }
}
