package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.report.RunTotals;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.HistoryFacts;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.ProjectLayout;
import dev.migralint.workspace.SourceLoader;
import dev.migralint.workspace.TextClues;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    record Answer(List<ResultCache.FileReport> files, RunTotals totals, RunManifest manifest) {
        List<ByteBuffer> printed() {
            List<ByteBuffer> out = new ArrayList<>(files.size());
            files.forEach(f -> out.add(f.printed()));
            return out;
        }
    }

    /**
     * One file placed without linting it. {@code witness}: the stat its hash and placing go by, or null when it is
     * a symbolic link (a run with one is not kept whole).
     */
    private record Placed(String displayPath, Dialect dialect, Framework framework, byte[] contentHash,
                          RunManifest.Witness witness) {
    }

    private CachedCheck() {
    }

    /**
     * The answer for these files, or null when some file is not in the cache or cannot be placed without linting
     * (unreadable, too large, not UTF-8): then the caller lints. Stat records learnt on the way are kept either way.
     *
     * @param form      the report's form (format, colour, charset, paths): part of each report entry's key
     * @param whole     whether the selection is exactly the command's arguments, so that the answer may be kept
     *                  whole ({@link RunManifest}) if nothing it depends on changed too recently to be trusted
     */
    static Answer answer(ResultCache cache, Config config, FileSelection selection, String form, boolean whole) {
        long start = System.nanoTime();
        // Before any stat: the witnesses' times are compared with it (a later time would trust more than is safe).
        long startMillis = System.currentTimeMillis();
        List<Candidate> files = selection.files();
        Queue<RunManifest.Witness> probes = new ConcurrentLinkedQueue<>();
        ProjectLayout layout = RunnerSetup.layout(config)
                .observing(p -> probes.add(RunManifest.Witness.of(p, true)));
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
        Phases.mark("stat+place");

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
                keys[i] = cache.fileKey(previous, LintRun.keyPath(p.displayPath(), selection::inChange), String.valueOf(p.dialect()),
                        p.framework().cacheKey(), p.contentHash());
                previous = keys[i];
            }
        }

        Phases.mark("chain keys");
        List<ResultCache.FileReport> reports = new ArrayList<>(placed.length);
        List<byte[]> reportKeys = new ArrayList<>(placed.length);
        RunTotals totals = new RunTotals(config.failOn(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (int i = 0; i < placed.length; i++) {
            String path = placed[i].displayPath();
            byte[] reportKey = cache.reportKey(keys[i], selection.historyFacts(path), form);
            ResultCache.FileReport r = cache.report(reportKey);
            if (r == null) {
                return null;
            }
            reports.add(r);
            reportKeys.add(reportKey);
            totals = totals.plus(r.totals());
        }
        RunManifest manifest = whole ? manifest(config, selection, placed, probes, reportKeys, totals, startMillis) : null;
        return new Answer(reports, totals.with(config.failOn(), (System.nanoTime() - start) / 1_000_000), manifest);
    }

    /**
     * The whole run's answer with what it depends on, or null when it cannot be trusted later: a selected file is a
     * link, something changed within two seconds of the run, or the history directories changed while it ran. Their
     * facts are read again here, each directory stat-ed before it is listed, and must be those the keys were made of.
     */
    private static RunManifest manifest(Config config, FileSelection selection, Placed[] placed,
                                        Queue<RunManifest.Witness> probes, List<byte[]> reportKeys, RunTotals totals,
                                        long startMillis) {
        List<RunManifest.Witness> witnesses = new ArrayList<>(placed.length + probes.size() + 64);
        List<String> inRoot = new ArrayList<>();
        for (Placed p : placed) {
            if (p.witness() == null) {
                return null;
            }
            witnesses.add(p.witness());
            // As FileSelection: files outside the root have no history facts.
            if (!p.displayPath().startsWith("/") && !p.displayPath().startsWith("../")) {
                inRoot.add(p.displayPath());
            }
        }
        witnesses.addAll(probes);
        HistoryFacts facts = HistoryFacts.onDisk(config.root().toAbsolutePath().normalize(), inRoot, p -> p,
                dir -> witnesses.add(RunManifest.Witness.of(dir, true)));
        for (String p : inRoot) {
            if (!facts.facts(p, HistoryFacts.UNCHANGED, null, 0).toString().equals(selection.historyFacts(p))) {
                return null;
            }
        }
        for (RunManifest.Witness w : witnesses) {
            if (!w.settled(startMillis)) {
                return null;
            }
        }
        return new RunManifest(witnesses, reportKeys, totals);
    }

    /** Dialect, runner and content hash of a file: from its stat record when its stat data are unchanged. */
    private static Placed place(Candidate c, ResultCache cache, ProjectLayout layout, SourceLoader loader, long maxBytes) {
        Path path = c.path();
        if (path == null) {
            return null;
        }
        try {
            BasicFileAttributes own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            RunManifest.Witness witness = own.isSymbolicLink() ? null : RunManifest.Witness.of(path, false, own);
            BasicFileAttributes now = own.isSymbolicLink() ? Files.readAttributes(path, BasicFileAttributes.class) : own;
            if (!now.isRegularFile() || now.size() > maxBytes) {
                return null;
            }
            String id = path.toAbsolutePath().toString();
            ResultCache.Stat known = cache.stat(id);
            byte[] hash;
            TextClues clues;
            String identity = ResultCache.identity(path, now, true);
            if (known != null && known.matches(now, identity)) {
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
                        identity, System.currentTimeMillis(), hash, clues.bits()));
            }
            Dialect dialect = layout.dialect(path, c.displayPath(), clues);
            Framework framework = layout.framework(path, c.displayPath(), clues);
            return new Placed(c.displayPath(), dialect, framework, hash, witness);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
