package dev.migralint.engine;

import dev.migralint.cache.FileStat;
import dev.migralint.cache.ReportEntry;
import dev.migralint.cache.ResultCache;
import dev.migralint.cache.RunManifest;
import dev.migralint.config.Config;
import dev.migralint.report.FileByFileReporter;
import dev.migralint.report.RunTotals;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.HistoryFacts;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.ProjectLayout;
import dev.migralint.workspace.SourceLoader;
import dev.migralint.workspace.TextClues;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
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
public final class CachedCheck {
    /** The report entries of a run's files, in the run's order, and the run's totals. */
    public record Answer(List<ReportEntry> files, RunTotals totals, RunManifest manifest) {
        public List<ByteBuffer> printed() {
            List<ByteBuffer> out = new ArrayList<>(files.size());
            files.forEach(f -> out.add(f.printed()));
            return out;
        }
    }

    /**
     * One file placed without linting it. {@code witness}: the stat its hash and placing go by, or null when it is
     * a symbolic link (a run with one is not kept whole).
     */
    private record FilePlacement(String displayPath, Dialect dialect, Framework framework, byte[] contentHash,
                          RunManifest.StatSnapshot witness) {
    }

    private CachedCheck() {
    }

    /**
     * The stored answer of a whole run (the same command in the same directory with the same report form, see
     * {@link RunManifest}) when nothing it depends on changed, else null: then the caller selects the files.
     */
    public static Answer wholeRun(ResultCache cache, Config config, byte[] runId) {
        long start = System.nanoTime();
        ByteBuffer stored = cache.run(runId);
        Phases.mark("whole: lookup");
        RunManifest manifest = RunManifest.decode(stored);
        Phases.mark("whole: decode");
        if (manifest == null) {
            return null;
        }
        // The stats (system calls) on the pool while this thread finds the entries: two cores overlap them.
        CompletableFuture<Boolean> holds = CompletableFuture.supplyAsync(manifest::holds);
        List<ReportEntry> reports = new ArrayList<>(manifest.reports().size());
        for (byte[] id : manifest.reports()) {
            ReportEntry r = cache.report(id);
            if (r == null) {
                return null;
            }
            reports.add(r);
        }
        Phases.mark("whole: entries");
        if (!holds.join()) {
            return null;
        }
        Phases.mark("whole: stat");
        RunTotals totals = manifest.totals().with(config.failOn(), (System.nanoTime() - start) / 1_000_000);
        return new Answer(reports, totals, manifest);
    }

    /**
     * The answer for these files, or null when some file is not in the cache or cannot be placed without linting
     * (unreadable, too large, not UTF-8): then the caller lints. Stat records learnt on the way are kept either way.
     *
     * @param form      the report's form (format, colour, charset, paths): part of each report entry's key
     * @param whole     whether the selection is exactly the command's arguments, so that the answer may be kept
     *                  whole ({@link RunManifest}) if nothing it depends on changed too recently to be trusted
     */
    public static Answer answer(ResultCache cache, Config config, FileSelection selection, String form, boolean whole) {
        long start = System.nanoTime();
        // Before any stat: the witnesses' times are compared with it (a later time would trust more than is safe).
        long startMillis = System.currentTimeMillis();
        List<Candidate> files = selection.files();
        Queue<RunManifest.StatSnapshot> probes = new ConcurrentLinkedQueue<>();
        ProjectLayout layout = RunnerSetup.layout(config)
                .observing(p -> probes.add(RunManifest.StatSnapshot.of(p, true)));
        SourceLoader loader = new SourceLoader(config.maxFileBytes());
        FilePlacement[] placed = new FilePlacement[files.size()];
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
            FilePlacement p = placed[i];
            histories.computeIfAbsent(LintRun.historyKey(p.displayPath(), p.dialect(), p.framework()), k -> new ArrayList<>())
                    .add(i);
        }
        byte[][] keys = new byte[placed.length][];
        for (Map.Entry<String, List<Integer>> h : histories.entrySet()) {
            byte[] previous = cache.historyStart(h.getKey());
            List<String> paths = new ArrayList<>(h.getValue().size());
            List<byte[]> hashes = new ArrayList<>(h.getValue().size());
            for (int i : h.getValue()) {
                paths.add(placed[i].displayPath());
                hashes.add(placed[i].contentHash());
            }
            byte[][] contents = LintRun.keyContents(paths, hashes, selection::inChange);
            int n = 0;
            for (int i : h.getValue()) {
                FilePlacement p = placed[i];
                keys[i] = cache.fileKey(previous, LintRun.keyPath(p.displayPath(), selection::inChange), String.valueOf(p.dialect()),
                        p.framework().cacheKey(), contents[n++]);
                previous = keys[i];
            }
        }

        Phases.mark("chain keys");
        List<ReportEntry> reports = new ArrayList<>(placed.length);
        List<byte[]> reportKeys = new ArrayList<>(placed.length);
        RunTotals totals = new RunTotals(config.failOn(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (int i = 0; i < placed.length; i++) {
            String path = placed[i].displayPath();
            byte[] reportKey = cache.reportKey(keys[i], selection.historyFacts(path), form);
            ReportEntry r = cache.report(reportKey);
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
    private static RunManifest manifest(Config config, FileSelection selection, FilePlacement[] placed,
                                        Queue<RunManifest.StatSnapshot> probes, List<byte[]> reportKeys, RunTotals totals,
                                        long startMillis) {
        List<RunManifest.StatSnapshot> witnesses = new ArrayList<>(placed.length + probes.size() + 64);
        List<String> inRoot = new ArrayList<>();
        for (FilePlacement p : placed) {
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
                dir -> witnesses.add(RunManifest.StatSnapshot.of(dir, true)));
        for (String p : inRoot) {
            if (!facts.facts(p, HistoryFacts.UNCHANGED, null, 0).toString().equals(selection.historyFacts(p))) {
                return null;
            }
        }
        for (RunManifest.StatSnapshot w : witnesses) {
            if (!w.settled(startMillis)) {
                return null;
            }
        }
        return new RunManifest(witnesses, reportKeys, totals);
    }

    /** Dialect, runner and content hash of a file: from its stat record when its stat data are unchanged. */
    private static FilePlacement place(Candidate c, ResultCache cache, ProjectLayout layout, SourceLoader loader, long maxBytes) {
        Path path = c.path();
        if (path == null) {
            return null;
        }
        try {
            BasicFileAttributes own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            RunManifest.StatSnapshot witness = own.isSymbolicLink() ? null : RunManifest.StatSnapshot.of(path, false, own);
            BasicFileAttributes now = own.isSymbolicLink() ? Files.readAttributes(path, BasicFileAttributes.class) : own;
            if (!now.isRegularFile() || now.size() > maxBytes) {
                return null;
            }
            String id = path.toAbsolutePath().toString();
            FileStat known = cache.stat(id);
            byte[] hash;
            TextClues clues;
            String identity = FileStat.identity(path, now, true);
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
                cache.putStat(id, new FileStat(now.size(), FileStat.nanos(now.lastModifiedTime()),
                        identity, System.currentTimeMillis(), hash, clues.bits()));
            }
            Dialect dialect = layout.dialect(path, c.displayPath(), clues);
            Framework framework = layout.framework(path, c.displayPath(), clues);
            return new FilePlacement(c.displayPath(), dialect, framework, hash, witness);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Prints the report file by file and keeps each file's part, with its totals and findings, in the cache, under
     * the key the file was linted under plus its history facts and the report's form: what {@link #answer} prints
     * from on a later run. A path selected twice is printed each time and kept never.
     */
    public static void printAndKeep(FileByFileReporter byFile, RunResult result, ResultCache cache,
                                    Map<String, byte[]> keys, FileSelection selection, String form, Charset charset,
                                    PrintWriter out) {
        Map<String, Integer> seen = new HashMap<>();
        result.files().forEach(f -> seen.merge(f.path(), 1, Integer::sum));
        StringWriter part = new StringWriter(8192);
        PrintWriter partOut = new PrintWriter(part);
        for (FileResult f : result.files()) {
            part.getBuffer().setLength(0);
            byFile.writeFile(f, partOut);
            partOut.flush();
            String printed = part.toString();
            out.write(printed);
            byte[] key = keys.get(f.path());
            if (key != null && seen.get(f.path()) == 1) {
                cache.putReport(cache.reportKey(key, selection.historyFacts(f.path()), form),
                        RunTotals.of(f, result.failOn()), printed.getBytes(charset), f.findings());
            }
        }
        byFile.writeEnd(result, RunTotals.of(result), out);
    }
}
