package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.report.RunTotals;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.ProjectLayout;
import dev.migralint.workspace.SourceLoader;
import dev.migralint.workspace.TextClues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * A plain check answered from the result cache alone. When the report entry of every file is there, the run loads
 * no rule, parses nothing, reads no file whose stat data are unchanged (and hashes the others without parsing them),
 * and prints the report parts stored for the files, then the verdict from their stored totals.
 *
 * <p>The keys are those {@link LintRun} computes (same content hash, dialect and runner detection, history grouping
 * and chaining), so that the entries a linting run stores are the ones found here.
 */
final class CachedCheck {
    /** The report entries of a run's files, in the run's order, and the run's totals. */
    record Answer(List<ResultCache.FileReport> files, RunTotals totals) {
        List<byte[]> printed() {
            List<byte[]> out = new ArrayList<>(files.size());
            files.forEach(f -> out.add(f.printed()));
            return out;
        }
    }

    /** One file placed without linting it. */
    private record Placed(String displayPath, Dialect dialect, Framework framework, byte[] contentHash) {
    }

    private CachedCheck() {
    }

    /**
     * The answer for these files, or null when some file is not in the cache or cannot be placed without linting
     * (unreadable, too large, not UTF-8): then the caller lints. Stat records learnt on the way are kept either way.
     *
     * @param form the report's form (format, colour, charset, paths): part of each report entry's key
     */
    static Answer answer(ResultCache cache, Config config, FileSelection selection, String form) {
        long start = System.nanoTime();
        List<Candidate> files = selection.files();
        ProjectLayout layout = new ProjectLayout(config.framework() == null ? null : Framework.fromId(config.framework()),
                config.dialect() == null ? null : Dialect.parse(config.dialect()).orElse(null));
        SourceLoader loader = new SourceLoader(config.maxFileBytes());
        Placed[] placed = new Placed[files.size()];
        AtomicBoolean complete = new AtomicBoolean(true);
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            if (complete.get()) {
                placed[i] = place(files.get(i), cache, layout, loader, config.maxFileBytes());
                if (placed[i] == null) {
                    complete.set(false);
                }
            }
        });
        if (!complete.get()) {
            return null;
        }

        Map<String, List<Integer>> histories = new LinkedHashMap<>();
        for (int i = 0; i < placed.length; i++) {
            Placed p = placed[i];
            histories.computeIfAbsent(LintRun.historyKey(p.displayPath(), p.dialect(), p.framework()), k -> new ArrayList<>())
                    .add(i);
        }
        byte[][] keys = new byte[placed.length][];
        for (Map.Entry<String, List<Integer>> h : histories.entrySet()) {
            byte[] previous = cache.historyStart(h.getKey());
            for (int i : h.getValue()) {
                Placed p = placed[i];
                keys[i] = cache.fileKey(previous, p.displayPath(), String.valueOf(p.dialect()),
                        String.valueOf(p.framework()), p.contentHash());
                previous = keys[i];
            }
        }

        List<ResultCache.FileReport> reports = new ArrayList<>(placed.length);
        RunTotals totals = new RunTotals(config.failOn(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (int i = 0; i < placed.length; i++) {
            String path = placed[i].displayPath();
            ResultCache.FileReport r = cache.report(cache.reportKey(keys[i], selection.historyFacts(path), form));
            if (r == null) {
                return null;
            }
            reports.add(r);
            totals = totals.plus(r.totals());
        }
        return new Answer(reports, totals.with(config.failOn(), (System.nanoTime() - start) / 1_000_000));
    }

    /** Dialect, runner and content hash of a file: from its stat record when its stat data are unchanged. */
    private static Placed place(Candidate c, ResultCache cache, ProjectLayout layout, SourceLoader loader, long maxBytes) {
        Path path = c.path();
        if (path == null) {
            return null;
        }
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
            if (!now.isRegularFile() || now.size() > maxBytes) {
                return null;
            }
            String id = path.toAbsolutePath().toString();
            ResultCache.Stat known = cache.stat(id);
            byte[] hash;
            TextClues clues;
            if (known != null && known.matches(now)) {
                hash = known.contentHash();
                clues = TextClues.ofBits(known.clues());
            } else {
                // Stat data first, text after: a change in between shows as a newer time next run, never as a stale hit.
                LoadedSource loaded = loader.load(path, c.displayPath());
                if (!loaded.ok()) {
                    return null;
                }
                String text = loaded.source().text();
                hash = ResultCache.contentHash(text);
                clues = TextClues.of(text);
                cache.putStat(id, new ResultCache.Stat(now.size(), ResultCache.Stat.nanos(now.lastModifiedTime()),
                        String.valueOf(now.fileKey()), System.currentTimeMillis(), hash, clues.bits()));
            }
            Dialect dialect = layout.dialect(path, c.displayPath(), "");
            Framework framework = layout.framework(path, c.displayPath(), clues);
            return new Placed(c.displayPath(), dialect, framework, hash);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
