package dev.migralint.engine;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.FileAnalyzer;
import dev.migralint.analysis.LaterIndexes;
import dev.migralint.analysis.SchemaTracker;
import dev.migralint.analysis.TableSizeFacts;
import dev.migralint.cache.CacheDirectory;
import dev.migralint.cache.Hashes;
import dev.migralint.cache.LintEntry;
import dev.migralint.cache.ResultCache;
import dev.migralint.cache.RunFingerprint;
import dev.migralint.config.Config;
import dev.migralint.config.Printable;
import dev.migralint.config.Version;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.AstDemand;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.workspace.TextClues;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.MigrationOrder;
import dev.migralint.workspace.ProjectLayout;
import dev.migralint.workspace.RunnerDescriptor;
import dev.migralint.workspace.SourceLoader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One lint run over a list of files, on all cores:
 * <ol>
 * <li>each file is read, its dialect and runner detected (and, with a result cache, its key computed) in parallel;</li>
 * <li>each file the cache does not answer is lexed, split and parsed in parallel, at most {@link #PARSE_AHEAD}
 * files ahead of its history's analysis; JSqlParser runs only on the statements whose AST an enabled rule could tell
 * apart from the token recognizer's reading ({@link AstDemand});</li>
 * <li>the files of one migration history are analysed in order (the analysis follows the schema from one migration to
 * the next), histories in parallel, and each analysed file is linted in parallel with the rest.</li>
 * </ol>
 * The pool has as many threads as there are cores; no thread is started per file or per statement.
 */
public final class LintRun {
    /** How many files of one history may be parsed and waiting for their analysis. */
    static final int PARSE_AHEAD = 16;
    /** Source characters of the look-ahead parses kept for later at most (see {@link Item#parse}, bench/README.md). */
    static final long LOOK_AHEAD_BUDGET = 1_000_000;

    private final Config config;
    private final Linter linter;
    private final ProjectLayout layout;
    private final SqlFrontEnd frontEnd;
    private ResultCache cache;
    private boolean findingsOnly;
    private final AtomicInteger cacheHits = new AtomicInteger();
    private final AtomicInteger parses = new AtomicInteger();
    /** Source characters of the parses the look-ahead keeps for the files' own steps, and the most it keeps. */
    private final AtomicLong lookAheadKept = new AtomicLong();
    private long lookAheadBudget = LOOK_AHEAD_BUDGET;
    private Map<String, byte[]> cacheKeys = Map.of();
    private Map<String, Placed> placed = Map.of();
    private TableSizeFacts tableSizes = TableSizeFacts.NONE;
    private Predicate<String> inChange = path -> false;

    public LintRun(Config config, Linter linter) {
        this(config, linter, demandOf(linter));
    }

    /** A run whose front end parses with JSqlParser as {@code demand} says (tests compare lazy with eager parsing). */
    public LintRun(Config config, Linter linter, AstDemand demand) {
        this.config = config;
        this.linter = linter;
        Dialect forced = config.dialect() == null ? null : Dialect.parse(config.dialect()).orElse(null);
        this.layout = RunnerSetup.layout(config);
        this.frontEnd = new SqlFrontEnd(demand);
    }

    /** What the table statistics snapshot says about the tables (none by default). */
    public LintRun withTableSizes(TableSizeFacts sizes) {
        this.tableSizes = sizes == null ? TableSizeFacts.NONE : sizes;
        return this;
    }

    /**
     * Serves unchanged files from this cache and stores the others in it (null: no cache). Cached results carry
     * findings but no analysis, so use it only with {@link #findingsOnly(boolean) findingsOnly(true)}; without it the
     * cache is only written.
     */
    public LintRun withCache(ResultCache cache) {
        this.cache = cache;
        return this;
    }

    /**
     * Which files (by display path) belong to the change being checked: what an earlier one creates is new to the later
     * ones (the table-created-in-change fact). None by default.
     */
    public LintRun change(Predicate<String> members) {
        this.inChange = members;
        return this;
    }

    /**
     * When the caller needs only findings and statement counts (the text report), the run keeps no parsed file in its
     * results (memory stays flat on large histories) and may answer from the cache.
     */
    public LintRun findingsOnly(boolean value) {
        this.findingsOnly = value;
        return this;
    }

    /**
     * The result cache for a run with this configuration in {@code dir} (see {@code UserCacheDirectory.locate()}),
     * or null when there is no directory. Opening it loads no rule: bundled rules are part of the build's identity,
     * user rules and the baseline count by their bytes.
     */
    public static ResultCache openCache(Path dir, Config config) {
        if (dir == null) {
            return null;
        }
        String foreign = CacheDirectory.foreignOwner(dir);
        if (foreign != null) {
            // Another user's cache could feed this run results it never computed: neither read nor written.
            System.err.println("migralint: warning: not using the result cache " + Printable.of(dir.toString())
                    + ": it belongs to " + Printable.of(foreign));
            return null;
        }
        return ResultCache.open(dir, RunFingerprint.buildIdentity(Version.get()), RunFingerprint.fingerprint(config));
    }

    /**
     * The cache key each file of the last {@link #run} was linted (or answered) under, by display path; files that
     * failed, and display paths that occur twice, are left out: their results are not worth keeping.
     */
    public Map<String, byte[]> cacheKeys() {
        return cacheKeys;
    }

    /** How many files the last {@link #run} answered from the cache. */
    public int cacheHits() {
        return cacheHits.get();
    }

    /** The kinds whose AST an enabled rule can tell apart from the tokens: see {@link AstDemand}. */
    static AstDemand demandOf(Linter linter) {
        AstDemand byFacts = AstDemand.forFactsRead(linter::factsRead);
        Set<String> demanded = new HashSet<>();
        for (String kind : AstDemand.REFINED.keySet()) {
            if (byFacts.needs(kind)) {
                demanded.add(kind);
            }
        }
        return demanded::contains;
    }

    /** A file read and placed: its history, dialect and runner; with a cache, its key. */
    private static final class Item {
        final int order;
        final Candidate candidate;
        final LoadedSource loaded;
        Dialect dialect;
        Framework framework;
        String history;
        byte[] ownKey;
        byte[] key;
        LintEntry cached;
        ParsedFile parsed;
        FileResult result;
        RuntimeException parseFailure;
        /** Analysed for the schema it leaves to the change's files, never reported (see FileSelection#context). */
        boolean context;
        /** For a file of the change: what the change's later files of its history index. */
        LaterIndexes later = LaterIndexes.NONE;

        /**
         * The file's parse, shared by its own step and the look-ahead of an earlier file of the change (see
         * {@link #lookAhead}), whichever asks first; kept until the file is linted. A parse the look-ahead makes long
         * before the file's own step is kept only within the run's budget ({@link #keepForLater}): a history's first
         * foreign key may ask for every later file at once. Failures are not kept: each asker meets its own, as when
         * each parsed.
         */
        private ParsedFile shared;
        /** Whether {@link #shared} counts against the run's look-ahead budget (made by the look-ahead, not yet taken). */
        private boolean heldForLater;
        private boolean released;

        Item(int order, Candidate candidate, LoadedSource loaded) {
            this.order = order;
            this.candidate = candidate;
            this.loaded = loaded;
        }

        /** The parse, for the file's own step ({@code own}) or for the look-ahead. */
        synchronized ParsedFile parse(LintRun run, boolean own) {
            if (released) {
                return run.parseNow(this);
            }
            if (shared == null) {
                ParsedFile parsed = run.parseNow(this);
                if (!own && !run.keepForLater(size())) {
                    return parsed;
                }
                shared = parsed;
                heldForLater = !own;
            } else if (own && heldForLater) {
                heldForLater = false;
                run.keepForLater(-size());
            }
            return shared;
        }

        private int size() {
            return loaded.source().text().length();
        }

        /** The file is analysed: its parse is no longer kept here. */
        synchronized void release(LintRun run) {
            released = true;
            shared = null;
            if (heldForLater) {
                heldForLater = false;
                run.keepForLater(-size());
            }
        }
    }

    public RunResult run(List<Candidate> files, List<LoadedSource> refused, List<LoadedSource> preloaded) {
        return run(files, refused, preloaded, List.of());
    }

    /**
     * Lints the files; the {@code context} files are only analysed, before the files of their history, so that those
     * see the schema the history built, and are left out of the result.
     */
    public RunResult run(List<Candidate> files, List<LoadedSource> refused, List<LoadedSource> preloaded,
                         List<Candidate> context) {
        long start = System.nanoTime();
        cacheHits.set(0);
        SourceLoader loader = new SourceLoader(config.maxFileBytes());
        int total = files.size() + preloaded.size() + context.size();
        ExecutorService pool = total <= 1 ? null : new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Supplier<Item>> placing = new ArrayList<>(total);
            int order = 0;
            for (Candidate c : files) {
                int o = order++;
                placing.add(() -> place(new Item(o, c, loader.load(c.path(), c.displayPath()))));
            }
            for (LoadedSource l : preloaded) {
                int o = order++;
                Candidate c = new Candidate(l.source() == null ? null : l.source().path(), l.displayPath());
                placing.add(() -> place(new Item(o, c, l)));
            }
            for (Candidate c : context) {
                int o = order++;
                placing.add(() -> {
                    Item it = new Item(o, c, loader.load(c.path(), c.displayPath()));
                    it.context = true;
                    return place(it);
                });
            }
            List<Item> items = new ArrayList<>(total);
            if (pool == null) {
                placing.forEach(p -> items.add(p.get()));
            } else {
                List<CompletableFuture<Item>> loading = new ArrayList<>(total);
                placing.forEach(p -> loading.add(CompletableFuture.supplyAsync(p, pool)));
                items.addAll(join(loading));
            }
            Phases.mark("place");

            // Histories in migration order; the chained keys need the files before, so they are computed here.
            Map<String, List<Item>> histories = new LinkedHashMap<>();
            for (Item it : items) {
                if (it.history != null && !(it.context && !it.loaded.ok())) {
                    histories.computeIfAbsent(it.history, k -> new ArrayList<>()).add(it);
                }
            }
            for (List<Item> history : histories.values()) {
                inRunnerOrder(history);
            }
            if (!context.isEmpty()) {
                keepContextBefore(histories);
            }
            for (List<Item> history : histories.values()) {
                lookAhead(history);
            }
            if (cache != null) {
                for (Map.Entry<String, List<Item>> h : histories.entrySet()) {
                    byte[] previous = cache.historyStart(h.getKey());
                    List<String> paths = new ArrayList<>(h.getValue().size());
                    List<byte[]> hashes = new ArrayList<>(h.getValue().size());
                    for (Item it : h.getValue()) {
                        paths.add(it.loaded.displayPath());
                        hashes.add(it.ownKey);
                    }
                    byte[][] contents = keyContents(paths, hashes, inChange);
                    for (int i = 0; i < contents.length; i++) {
                        Item it = h.getValue().get(i);
                        it.key = cache.fileKey(previous, keyPath(it.loaded.displayPath(), inChange), String.valueOf(it.dialect),
                                it.framework.cacheKey(), contents[i]);
                        previous = it.key;
                    }
                }
            }

            // Each history is analysed in order (its schema carries from file to file); files are looked up in the cache
            // and parsed before that, and linted after it.
            boolean readCache = cache != null && findingsOnly;
            if (pool == null) {
                // One file (a pre-commit hook's usual run): in line, without the futures' machinery to start up.
                for (List<Item> history : histories.values()) {
                    HistoryState state = new HistoryState(settings());
                    for (Item it : history) {
                        FileStep step = state.analyse(prepare(it, readCache), this);
                        state = step.state;
                        finish(step);
                    }
                }
            } else {
                lintInParallel(histories.values(), pool, readCache);
            }

            List<FileResult> results = new ArrayList<>(refused.size() + items.size());
            for (LoadedSource r : refused) {
                results.add(new FileResult(r, null, linter.lintProblem(r)));
            }
            for (Item it : items) {
                if (!it.context) {
                    results.add(it.result != null ? it.result : new FileResult(it.loaded, null, linter.lintProblem(it.loaded)));
                }
            }
            if (cache != null) {
                cacheKeys = keysOf(items);
            }
            placed = placedOf(items);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            return new RunResult(results, config.failOn(), elapsed);
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    /** Parses ahead on the pool, analyses each history in order and lints each file as it comes out of analysis. */
    private void lintInParallel(Collection<List<Item>> histories, ExecutorService pool, boolean readCache) {
        List<CompletableFuture<Void>> lints = new ArrayList<>();
        for (List<Item> history : histories) {
            CompletableFuture<HistoryState> state = CompletableFuture.completedFuture(new HistoryState(settings()));
            // A file is parsed once the file PARSE_AHEAD places before it is analysed: a history is analysed in
            // order on one thread, and parses that run further ahead only pile up in memory (all of a 6,000-file
            // history's tokens, once parsing got faster than analysis).
            List<CompletableFuture<FileStep>> window = new ArrayList<>(Collections.nCopies(PARSE_AHEAD, null));
            for (int n = 0; n < history.size(); n++) {
                Item it = history.get(n);
                CompletableFuture<FileStep> gate = window.get(n % PARSE_AHEAD);
                CompletableFuture<Item> ready = gate == null ? CompletableFuture.supplyAsync(() -> prepare(it, readCache), pool)
                        : gate.thenApplyAsync(done -> prepare(it, readCache), pool);
                CompletableFuture<FileStep> analysed = state.thenCombine(ready, (s, i) -> s.analyse(i, this));
                window.set(n % PARSE_AHEAD, analysed);
                state = analysed.thenApply(step -> step.state);
                lints.add(analysed.thenAcceptAsync(step -> finish(step), pool));
            }
        }
        join(lints);
    }

    /** The dialect and runner detection gave a file of the last run (by display path), or null when it gave none. */
    public Placed placed(String displayPath) {
        return placed.get(displayPath);
    }

    /** What {@link #place} found for a file: its history findings need it again, after the run. */
    public record Placed(Dialect dialect, Framework framework) {
    }

    /** Puts a history in the order its runner applies it (Prisma and Diesel do not compare digit runs as numbers). */
    private static void inRunnerOrder(List<Item> history) {
        Framework runner = history.get(0).framework;
        RunnerDescriptor d = runner == null ? null : runner.descriptor();
        if (d != null && !d.migrationOrder().equals(MigrationOrder.NATURAL)) {
            MigrationOrder.sort(history, it -> it.loaded.displayPath(), d.migrationOrder(), d.perDirectory());
        }
    }

    /**
     * Puts each history in migration order and keeps of its context files only those before its last file to lint;
     * a history of context files alone is not analysed at all.
     */
    private static void keepContextBefore(Map<String, List<Item>> histories) {
        histories.values().removeIf(h -> h.stream().allMatch(it -> it.context));
        for (List<Item> h : histories.values()) {
            Framework runner = h.get(0).framework;
            MigrationOrder.sort(h, it -> it.loaded.displayPath(),
                    runner == null ? MigrationOrder.NATURAL : runner.descriptor().migrationOrder(),
                    runner != null && runner.descriptor().perDirectory());
            int last = h.size() - 1;
            while (h.get(last).context) {
                last--;
            }
            h.subList(last + 1, h.size()).clear();
        }
    }

    private static Map<String, Placed> placedOf(List<Item> items) {
        Map<String, Placed> out = new HashMap<>();
        for (Item it : items) {
            if (it.dialect != null && it.framework != null && it.parseFailure == null) {
                out.put(it.loaded.displayPath(), new Placed(it.dialect, it.framework));
            }
        }
        return out;
    }

    private static Map<String, byte[]> keysOf(List<Item> items) {
        Map<String, byte[]> keys = new HashMap<>();
        Set<String> twice = new HashSet<>();
        for (Item it : items) {
            boolean answered = it.key != null && it.parseFailure == null && it.result != null && it.result.loaded().ok();
            if (answered && keys.put(it.loaded.displayPath(), it.key) != null) {
                twice.add(it.loaded.displayPath());
            }
        }
        keys.keySet().removeAll(twice);
        return keys;
    }

    private AnalysisSettings settings() {
        return new AnalysisSettings(Dialect.POSTGRESQL, config.postgresVersion(), config.transaction(), Framework.PLAIN,
                tableSizes);
    }

    /** Detects dialect, runner and history of a readable file (or turns a detection failure into a file problem). */
    private Item place(Item it) {
        if (!it.loaded.ok()) {
            return it;
        }
        try {
            Path path = it.candidate.path();
            String text = it.loaded.source().text();
            TextClues clues = TextClues.of(text);
            it.dialect = layout.dialect(path, it.candidate.displayPath(), clues);
            it.framework = layout.framework(path, it.candidate.displayPath(), clues);
            it.history = historyKey(it.loaded.displayPath(), it.dialect, it.framework);
            if (cache != null) {
                it.ownKey = ResultCache.contentHash(text);
            }
        } catch (RuntimeException e) {
            it.parseFailure = e;
            it.history = "\u0000failed:" + it.order;
        }
        return it;
    }

    /**
     * Gives each file of the change in this history what the change's later files of it index, parsed only when a
     * foreign key asks.
     */
    private void lookAhead(List<Item> history) {
        List<Item> members = new ArrayList<>();
        for (Item it : history) {
            if (it.parseFailure == null && it.dialect != null && it.dialect.linted() && inChange.test(it.loaded.displayPath())) {
                members.add(it);
            }
        }
        if (members.size() < 2) {
            return;
        }
        List<LaterIndexes.Migration> migrations = new ArrayList<>(members.size());
        for (Item it : members) {
            migrations.add(new LaterIndexes.Migration(() -> it.parse(this, false), it.framework));
        }
        LaterIndexes.Chain chain = new LaterIndexes.Chain(migrations, settings());
        for (int i = 0; i < members.size(); i++) {
            members.get(i).later = chain.after(i);
        }
    }

    /**
     * The content part of the cache keys of one history's files, in order: a file's text, and for a file of the change
     * the paths and texts of the change's later files of the history too, whose indexes its analysis looks at (see
     * {@link LaterIndexes}): an answer kept for it must not outlive an edit of theirs.
     */
    static byte[][] keyContents(List<String> paths, List<byte[]> hashes, Predicate<String> inChange) {
        byte[][] out = new byte[paths.size()][];
        byte[] later = null;
        for (int i = paths.size() - 1; i >= 0; i--) {
            byte[] own = hashes.get(i) == null ? new byte[0] : hashes.get(i);
            if (!inChange.test(paths.get(i))) {
                out[i] = own;
                continue;
            }
            if (later == null) {
                out[i] = own;
            } else {
                MessageDigest md = Hashes.sha();
                md.update(own);
                md.update(later);
                out[i] = md.digest();
            }
            MessageDigest md = Hashes.sha();
            md.update(paths.get(i).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(own);
            if (later != null) {
                md.update(later);
            }
            later = md.digest();
        }
        return out;
    }

    /** The path part of a file's cache key: membership of the change changes what it and the files after it find new. */
    static String keyPath(String displayPath, Predicate<String> inChange) {
        return inChange.test(displayPath) ? displayPath + "\u0000change" : displayPath;
    }

    /** Migrations of one history share a directory (Prisma, Diesel: the migrations directory above each migration). */
    static String historyKey(String displayPath, Dialect dialect, Framework framework) {
        int slash = displayPath.lastIndexOf('/');
        String dir = slash < 0 ? "" : displayPath.substring(0, slash);
        if (framework.descriptor().perDirectory()) {
            int up = dir.lastIndexOf('/');
            dir = up < 0 ? "" : dir.substring(0, up);
        }
        return dialect + ":" + dir;
    }

    private ParsedFile parseNow(Item it) {
        parses.incrementAndGet();
        return frontEnd.parse(it.loaded.source(), it.dialect, it.framework.descriptor().statementBoundaries());
    }

    /** Counts {@code chars} of source (negative: released) against the look-ahead's budget; whether they fit. */
    private boolean keepForLater(long chars) {
        if (chars <= 0) {
            lookAheadKept.addAndGet(chars);
            return true;
        }
        long now = lookAheadKept.addAndGet(chars);
        if (now <= lookAheadBudget) {
            return true;
        }
        lookAheadKept.addAndGet(-chars);
        return false;
    }

    /** How many parses of a file this run made (each file once, however many earlier files looked ahead at it). */
    int parses() {
        return parses.get();
    }

    /** Sets the look-ahead's budget, in characters of source (tests). */
    LintRun lookAheadBudget(long chars) {
        this.lookAheadBudget = chars;
        return this;
    }

    /** Answers a file from the cache, or lexes, splits and parses it. Runs in parallel. */
    private Item prepare(Item it, boolean readCache) {
        if (it.parseFailure != null) {
            return it;
        }
        if (readCache && it.key != null) {
            it.cached = cache.get(it.key);
            if (it.cached != null) {
                cacheHits.incrementAndGet();
                return it;
            }
        }
        if (!it.dialect.linted()) {
            return it; // reported once in finish, never parsed as another dialect
        }
        try {
            it.parsed = it.parse(this, true);
        } catch (StackOverflowError e) {
            it.parseFailure = new IllegalStateException("StackOverflowError");
        } catch (RuntimeException e) {
            it.parseFailure = e;
        }
        return it;
    }

    /** One file through the analysis, with the history state after it. */
    private static final class FileStep {
        final Item item;
        final HistoryState state;
        final AnalyzedFile analyzed;
        final Map<String, Map<String, String>> changed;
        final List<String> dropped;

        FileStep(Item item, HistoryState state, AnalyzedFile analyzed, Map<String, Map<String, String>> changed,
                 List<String> dropped) {
            this.item = item;
            this.state = state;
            this.analyzed = analyzed;
            this.changed = changed;
            this.dropped = dropped;
        }
    }

    /**
     * The analysis of one history: the analyzer, and (with a cache) the state the history has reached as the cache
     * knows it, which the analyzer is brought to before it analyses a file after cached ones.
     */
    private static final class HistoryState {
        final FileAnalyzer analyzer;
        /**
         * The history state after the last file, when the analyzer has not seen it (files answered from the cache): a
         * copy of the analyzer's state taken at the first cached file, then changed in place by each cached file.
         */
        Map<String, Map<String, String>> pending;

        HistoryState(AnalysisSettings settings) {
            this.analyzer = new FileAnalyzer(settings);
        }

        FileStep analyse(Item it, LintRun run) {
            if (it.cached != null) {
                if (pending == null) {
                    pending = analyzer.historyState();
                }
                it.cached.droppedTables().forEach(pending::remove);
                pending.putAll(it.cached.changedTables());
                return new FileStep(it, this, null, null, null);
            }
            if (it.parsed == null) {
                return new FileStep(it, this, null, null, null);
            }
            if (pending != null) {
                analyzer.restoreHistoryState(pending);
                pending = null;
            }
            AnalyzedFile analyzed;
            try {
                analyzed = analyzer.analyze(it.parsed, it.framework, run.inChange.test(it.loaded.displayPath()), it.later);
            } catch (StackOverflowError e) {
                it.parseFailure = new IllegalStateException("StackOverflowError");
                return new FileStep(it, this, null, null, null);
            } catch (RuntimeException e) {
                it.parseFailure = e;
                return new FileStep(it, this, null, null, null);
            }
            if (run.cache == null) {
                analyzer.forgetHistoryChanges(); // nothing stores them; they would pile up until the next restore
                return new FileStep(it, this, analyzed, null, null);
            }
            SchemaTracker.Changes changes = analyzer.historyChanges();
            return new FileStep(it, this, analyzed, changes.changed(), changes.dropped());
        }
    }

    /** Lints an analysed file (or takes the cached findings) and stores the result. Runs in parallel. */
    private void finish(FileStep step) {
        Item it = step.item;
        it.release(this); // analysed: no earlier file of its history looks ahead at it any more
        if (it.cached != null) {
            it.result = new FileResult(it.loaded, null, it.cached.findings(), it.cached.statementCount());
            return;
        }
        if (it.parseFailure == null && it.dialect != null && !it.dialect.linted()) {
            it.result = unsupported(it);
            return;
        }
        if (it.context && cache == null) {
            // Analysed for the schema only: with no cache to keep its findings for a later run, nothing to lint.
            it.result = new FileResult(it.loaded, null, List.of(), 0);
            it.parsed = null;
            return;
        }
        if (it.parseFailure != null || step.analyzed == null) {
            it.result = failed(it);
            return;
        }
        List<Finding> findings;
        try {
            findings = linter.lint(step.analyzed);
            if (!it.framework.problems().isEmpty()) {
                findings = new ArrayList<>(findings);
                findings.addAll(linter.lintRunnerConfig(it.loaded.displayPath(), it.framework));
            }
        } catch (StackOverflowError e) {
            it.parseFailure = new IllegalStateException("StackOverflowError");
            it.result = failed(it);
            return;
        } catch (RuntimeException e) {
            it.parseFailure = e;
            it.result = failed(it);
            return;
        }
        int statements = step.analyzed.parsed().statements().size();
        it.result = findingsOnly ? new FileResult(it.loaded, null, findings, statements)
                : new FileResult(it.loaded, step.analyzed, findings);
        it.parsed = null;
        if (cache != null && it.key != null && step.changed != null) {
            cache.put(it.key, new LintEntry(statements, findings, step.changed, step.dropped));
        }
    }

    /** A file in a dialect migralint has no rules for: one notice, and no Postgres rule near it. */
    private FileResult unsupported(Item it) {
        LoadedSource notLinted = new LoadedSource(it.loaded.displayPath(), null, "unsupported-dialect",
                "it is written for " + it.dialect.displayName() + ", for which migralint has no rules", 0, it.loaded.hadBom());
        return new FileResult(notLinted, null, linter.lintProblem(notLinted));
    }

    /** A front-end or analysis bug must cost one file, never the run. */
    private FileResult failed(Item it) {
        RuntimeException e = it.parseFailure;
        String what = e == null ? "no result" : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        LoadedSource failed = new LoadedSource(it.loaded.displayPath(), null, "too-complex",
                "migralint could not analyse this file (" + what + "); please report it", 0, it.loaded.hadBom());
        return new FileResult(failed, null, linter.lintProblem(failed));
    }

    private static <T> List<T> join(List<CompletableFuture<T>> futures) {
        // One wait for them all: joining each in turn makes this thread spin before it parks, once per unfinished
        // future, on the cores the pool's threads need.
        try {
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
        } catch (CompletionException e) {
            // met again below, in order, as each future is joined
        }
        List<T> out = new ArrayList<>(futures.size());
        for (CompletableFuture<T> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
        return out;
    }
}
