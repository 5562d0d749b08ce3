package dev.migralint.workspace;

import dev.migralint.sql.Dialect;
import dev.migralint.workspace.RunnerDescriptor.Detect;
import dev.migralint.workspace.RunnerDescriptor.SideFile;
import dev.migralint.workspace.RunnerDescriptor.VersionFrom;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Detects, per file, which migration runner applies it (from the runner descriptors: the file's path, marker files
 * and manifests near it, and clues in its text), the runner's version, what side files say about its transaction,
 * and which SQL dialect the file is written in. Configuration overrides runner, version and dialect.
 */
public final class ProjectLayout {
    private static final Pattern JOURNAL_DIALECT = Pattern.compile("\"dialect\"\\s*:\\s*\"([a-z]+)\"");
    /** A crate's sqlx dependency line with its features: {@code sqlx = { version = "0.8", features = [...] }}. */
    private static final Pattern SQLX_DEPENDENCY = Pattern.compile("(?m)^\\s*sqlx\\s*=\\s*\\{([^}\\n]*)\\}");
    private static final Pattern SQLX_DATABASE = Pattern.compile("\"(sqlite|postgres|mysql)\"");
    /** sqlx's database types and modules as Rust code names them: (1) SQLite, (2) Postgres, (3) MySQL. */
    private static final Pattern SQLX_CODE_DATABASE = Pattern.compile(
            "\\b(?:(Sqlite(?:Pool|Connection|ConnectOptions|PoolOptions|Row)|sqlx::sqlite)"
            + "|(Pg(?:Pool|Connection|ConnectOptions|PoolOptions|Row)|sqlx::postgres)"
            + "|(MySql(?:Pool|Connection|ConnectOptions|PoolOptions|Row)|sqlx::mysql))\\b");
    /** A crate's sources read to find its database, at most. */
    private static final int MAX_CRATE_SOURCES = 200;
    private static final Pattern PROVIDER = Pattern.compile("provider\\s*=\\s*\"([a-z]+)\"");
    /** Markers and manifests are looked for in the file's directory and this many above it. */
    private static final int MARKER_LEVELS = 4;
    /** Version files (package.json, go.mod, Cargo.toml, lock files) may sit this many levels above. */
    private static final int VERSION_LEVELS = 8;
    private static final long MAX_SIDE_FILE = 1_000_000;
    /** In a detection's {@code contains}: the migration's file name without {@code .sql} (see {@link #stem}). */
    static final String FILE_STEM = "{stem}";
    private static final long MAX_VERSION_FILE = 20_000_000;

    private final Framework forcedFramework;
    private final Dialect forcedDialect;
    private final Runners runners;
    private final Map<String, String> runnerVersions;
    private final Map<Path, Optional<String>> prismaProviders;
    private final Map<Key, Boolean> markers;
    private final Map<Key, Boolean> manifests;
    private final Map<Key, Optional<String[]>> versions;
    /** The sqlx database of the nearest crate, by directory and levels left (see {@link #crateDialect}). */
    private final Map<Key, Optional<Dialect>> crates = new ConcurrentHashMap<>();
    private final Map<Path, Optional<SideFileReader.Read>> sideFiles;
    private final Map<String, Glob> globs;
    /** Manifests and lock files by path, read once per run however many directories look at them. */
    private final Map<Path, Optional<String>> texts = new ConcurrentHashMap<>();
    /** By directory and manifest name (their path joined): the nearest such manifest's text, if any. */
    private final Map<Path, Optional<String>> nearestManifest = new ConcurrentHashMap<>();
    /** Folders' file names, by folder, for pop's dialect-less files. */
    private final Map<Path, Optional<List<String>>> folders = new ConcurrentHashMap<>();
    /** What a manifest pins for a runner's packages, by manifest path and packages. */
    private final Map<String, Optional<String[]>> pins = new ConcurrentHashMap<>();
    /**
     * What is at each path detection looked for, stat-ed once per run: the marker, manifest and version-file walks
     * start in each migration's directory (one per migration in Diesel's layout) and climb through the same parents.
     */
    private final Map<Path, Kind> kinds = new ConcurrentHashMap<>();
    /** What detection learnt of each directory, by absolute directory: see {@link DirFacts}. */
    private final Map<Path, DirFacts> dirs = new ConcurrentHashMap<>();
    /** How many detection rules the runners have, in detection order (the size of {@link DirFacts#placed}). */
    private final int detectRules;

    private enum Kind { MISSING, FILE, OTHER }

    /** Told of every path detection is about to examine on disk; see {@link #observing}. */
    private final Consumer<Path> probes;
    private static final Consumer<Path> UNOBSERVED = p -> { };
    /**
     * Whether a search up the tree may take a parent directory's answer (see {@link #marker}): not when observed,
     * where every directory's search must tell each path it depends on.
     */
    private final boolean sharesParents;

    public ProjectLayout(Framework forcedFramework, Dialect forcedDialect) {
        this(forcedFramework, forcedDialect, Runners.bundled(), Map.of());
    }

    /**
     * @param runnerVersions the configured version by runner id ({@code runner-version:}); key "*" for every runner
     */
    public ProjectLayout(Framework forcedFramework, Dialect forcedDialect, Runners runners, Map<String, String> runnerVersions) {
        this(forcedFramework, forcedDialect, runners, runnerVersions, UNOBSERVED, new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private ProjectLayout(Framework forcedFramework, Dialect forcedDialect, Runners runners,
                          Map<String, String> runnerVersions, Consumer<Path> probes,
                          Map<Path, Optional<String>> prismaProviders, Map<Key, Boolean> markers,
                          Map<Key, Boolean> manifests, Map<Key, Optional<String[]>> versions,
                          Map<Path, Optional<SideFileReader.Read>> sideFiles) {
        this.forcedFramework = forcedFramework;
        this.forcedDialect = forcedDialect;
        this.runners = runners;
        this.runnerVersions = Map.copyOf(runnerVersions);
        this.probes = probes;
        this.sharesParents = probes == UNOBSERVED;
        this.prismaProviders = prismaProviders;
        this.markers = markers;
        this.manifests = manifests;
        this.versions = versions;
        this.sideFiles = sideFiles;
        this.globs = new ConcurrentHashMap<>();
        int rules = 0;
        for (RunnerDescriptor d : runners.inDetectionOrder()) {
            rules += d.detect().size();
        }
        this.detectRules = rules;
    }

    /**
     * What the files of one directory share, learnt from the first that asks: whether each detection rule's markers
     * and manifest hold there, the runner (version and side files) each descriptor gives there, and the dialect the
     * nearest Drizzle journal names (the nearest crate's is kept with the other searches up the tree). Detection asks
     * these for every file; most directories hold many files. Values are immutable: two threads that race compute the
     * same one.
     */
    private static final class DirFacts {
        final Boolean[] placed;
        /** Per descriptor (by identity), the runner as the directory's manifests and side files make it. */
        private RunnerDescriptor[] descriptors = new RunnerDescriptor[0];
        private Framework[] frameworks = new Framework[0];
        volatile Optional<Dialect> journalDialect;
        private Map<RunnerDescriptor, Boolean> runsAny;

        DirFacts(int rules) {
            this.placed = new Boolean[rules];
        }

        synchronized Framework framework(RunnerDescriptor d) {
            for (int i = 0; i < descriptors.length; i++) {
                if (descriptors[i] == d) {
                    return frameworks[i];
                }
            }
            return null;
        }

        /** Whether the directory holds a file the runner applies, listed once per directory and runner. */
        synchronized boolean runsAny(RunnerDescriptor d, Path dir) {
            if (runsAny == null) {
                runsAny = new IdentityHashMap<>();
            }
            return runsAny.computeIfAbsent(d, k -> RunnerNames.runsAnyIn(k, dir));
        }

        synchronized void keep(RunnerDescriptor d, Framework f) {
            descriptors = Arrays.copyOf(descriptors, descriptors.length + 1);
            frameworks = Arrays.copyOf(frameworks, frameworks.length + 1);
            descriptors[descriptors.length - 1] = d;
            frameworks[frameworks.length - 1] = f;
        }
    }

    private DirFacts dirFacts(Path dir) {
        DirFacts at = dirs.get(dir);
        return at != null ? at : dirs.computeIfAbsent(dir, k -> new DirFacts(detectRules));
    }

    /**
     * The same detection, telling {@code probes} of each path it examines on disk (a runner's marker file, a
     * manifest, a side file) before it looks: what a stored answer must watch to know that detection would say the
     * same today. Nothing learnt is shared with this layout, so every look is told.
     */
    public ProjectLayout observing(Consumer<Path> probes) {
        return new ProjectLayout(forcedFramework, forcedDialect, runners, runnerVersions, probes,
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    public Runners runners() {
        return runners;
    }

    private Path probe(Path p) {
        probes.accept(p);
        return p;
    }

    /** What is at {@code p}, following links (as {@link Files#exists} and {@link Files#isRegularFile} do). */
    private Kind kind(Path p) {
        return kinds.computeIfAbsent(p, ProjectLayout::stat);
    }

    /**
     * Most paths detection asks about are missing (a marker looked for in each directory above a migration):
     * {@link File} answers those with a boolean, where {@link Files#readAttributes} throws an exception whose stack
     * trace costs more than the system call.
     */
    private static Kind stat(Path p) {
        File f = p.toFile();
        if (!f.exists()) {
            return Kind.MISSING;
        }
        return f.isFile() ? Kind.FILE : Kind.OTHER;
    }

    public Framework framework(Path file, String rel, String text) {
        return framework(file, rel, TextClues.of(text));
    }

    /** The runner from what detection reads of the text (the result cache keeps these clues, not the text). */
    public Framework framework(Path file, String rel, TextClues clues) {
        Path abs = file == null ? null : file.toAbsolutePath();
        Path dir = abs == null ? null : abs.getParent();
        DirFacts at = dir == null ? null : dirFacts(dir);
        RunnerDescriptor d = forcedFramework != null ? forcedFramework.descriptor() : detect(dir, at, rel, clues);
        Framework f = new Framework(d);
        if (file == null) {
            String configured = configuredVersion(d);
            return configured == null ? f : f.withVersion(configured, "configuration");
        }
        if (at == null || namesFile(d)) {
            return withSideFiles(withVersion(f, dir), abs, dir);
        }
        Framework known = at.framework(d);
        if (known == null) {
            known = withSideFiles(withVersion(f, dir), abs, dir);
            at.keep(d, known);
        }
        return known;
    }

    /** Whether one of the descriptor's side files is named after the migration ({@code {file}.conf}). */
    private static boolean namesFile(RunnerDescriptor d) {
        for (SideFile side : d.sideFiles()) {
            if (side.path().contains("{file}")) {
                return true;
            }
        }
        return false;
    }

    private RunnerDescriptor detect(Path dir, DirFacts at, String rel, TextClues clues) {
        int rule = 0;
        for (RunnerDescriptor d : runners.inDetectionOrder()) {
            for (Detect when : d.detect()) {
                if (holds(when, rule++, dir, at, rel, clues) && applies(d, dir, at, rel)) {
                    return d;
                }
            }
        }
        RunnerDescriptor plain = runners.find("plain");
        return plain != null ? plain : Runners.bundled().find("plain");
    }

    /**
     * A runner that skips names it does not apply ({@code runs-names}) is this file's only if the file or another
     * {@code .sql} file of its directory is one it applies: a directory where it would run nothing is another
     * runner's (authelia's own {@code V0001.Name.up.sql} files are not golang-migrate's, whose names start with
     * {@code <version>_}). The file it skips beside ones it runs is its, for {@code runner-skips-file}.
     */
    private static boolean applies(RunnerDescriptor d, Path dir, DirFacts at, String rel) {
        if (RunnerNames.runs(d, rel)) {
            return true;
        }
        return at == null ? RunnerNames.runsAnyIn(d, dir) : at.runsAny(d, dir);
    }

    /** Asked for every runner's rules for every file: loops, not streams; what the directory decides, once. */
    private boolean holds(Detect when, int rule, Path dir, DirFacts at, String rel, TextClues clues) {
        if (!when.text().isEmpty() && !anyClue(when.text(), clues)) {
            return false;
        }
        // What the directory decided already (no manifest or marker above it) spares the glob's match.
        if (at != null && Boolean.FALSE.equals(at.placed[rule])) {
            return false;
        }
        if (!when.paths().isEmpty() && !anyGlob(when.paths(), rel)) {
            return false;
        }
        if (when.markers().isEmpty() && when.manifest() == null) {
            return true;
        }
        if (dir == null) {
            return false;
        }
        if (when.manifest() != null && namesTheFile(when.contains())) {
            // Asked per file, not kept per directory: files of one directory differ (Drizzle's journal lists its own).
            return (when.markers().isEmpty() || anyMarker(dir, when.markers()))
                    && manifestNamesFile(dir, when.manifest(), when.contains(), stem(rel));
        }
        Boolean known = at.placed[rule];
        if (known == null) {
            known = (when.markers().isEmpty() || anyMarker(dir, when.markers()))
                    && (when.manifest() == null || manifest(dir, when.manifest(), when.contains(), MARKER_LEVELS, true));
            at.placed[rule] = known;
        }
        return known;
    }

    private static boolean anyClue(List<String> clueNames, TextClues clues) {
        for (String c : clueNames) {
            if (clues.has(c)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyGlob(List<String> globs, String rel) {
        for (String g : globs) {
            if (glob(g).matches(rel)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyMarker(Path dir, List<String> names) {
        for (String m : names) {
            if (marker(dir, m, MARKER_LEVELS, true)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A memo's key: a directory, what was asked about it and how many directories above it the search may still climb
     * (no string built per file).
     */
    private record Key(Path dir, Object what, Object more, int levels) {
        // Written out: a record's generated equals and hashCode are linked on first use, spinning method-handle
        // classes that no start-up archive of JDK 17 keeps, on the path of every run.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && levels == k.levels && dir.equals(k.dir) && Objects.equals(what, k.what)
                    && Objects.equals(more, k.more);
        }

        @Override
        public int hashCode() {
            return ((dir.hashCode() * 31 + Objects.hashCode(what)) * 31 + Objects.hashCode(more)) * 31 + levels;
        }
    }

    private Glob glob(String g) {
        return globs.computeIfAbsent(g, Glob::new);
    }

    /*
     * The searches up the directory tree (marker, manifest, version file, crate) each answer for a directory from its
     * own entry and, when that is missing, from its parent's answer with one level fewer: sibling directories (one
     * per migration in Diesel's and Prisma's layouts) share their parents' answers instead of each climbing again.
     * Answers are kept with get and put, not computeIfAbsent, which must not be re-entered on its own map; two threads
     * that race compute the same answer. An observed layout keeps only the answers of the directories asked about
     * ({@code top}), so that each of their searches tells every path it climbs through.
     */

    /** Whether {@code marker} exists in {@code dir} or in one of the {@code levels} directories above it. */
    private boolean marker(Path dir, String marker, int levels, boolean top) {
        Key key = new Key(dir, marker, null, levels);
        boolean keep = top || sharesParents;
        Boolean known = keep ? markers.get(key) : null;
        if (known == null) {
            Path up = dir.getParent();
            known = kind(probe(dir.resolve(marker))) != Kind.MISSING
                    || levels > 0 && up != null && marker(up, marker, levels - 1, false);
            if (keep) {
                markers.put(key, known);
            }
        }
        return known;
    }

    /** Whether the nearest {@code name} (this directory or up to {@code levels} above) mentions one of {@code contains}. */
    private boolean manifest(Path dir, String name, List<String> contains, int levels, boolean top) {
        Key key = new Key(dir, name, contains, levels);
        boolean keep = top || sharesParents;
        Boolean known = keep ? manifests.get(key) : null;
        if (known == null) {
            Path manifest = probe(dir.resolve(name));
            Path up = dir.getParent();
            known = kind(manifest) == Kind.FILE ? mentions(manifest, contains)
                    : levels > 0 && up != null && manifest(up, name, contains, levels - 1, false);
            if (keep) {
                manifests.put(key, known);
            }
        }
        return known;
    }

    /** Whether a detection's {@code contains} names the migration itself, by {@link #FILE_STEM}. */
    private static boolean namesTheFile(List<String> contains) {
        for (String c : contains) {
            if (c.contains(FILE_STEM)) {
                return true;
            }
        }
        return false;
    }

    /** The file's name without its directory and without {@code .sql}: what Drizzle's journal calls its tag. */
    static String stem(String rel) {
        String name = MigrationNames.fileName(rel);
        return name.regionMatches(true, Math.max(0, name.length() - 4), ".sql", 0, 4)
                ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * Whether the nearest {@code name} (this directory or up to {@link #MARKER_LEVELS} above) holds one of
     * {@code contains} with {@link #FILE_STEM} replaced by the file's stem. A runner that applies only the
     * migrations its index lists (Drizzle's meta/_journal.json) never runs a file the index leaves out.
     */
    private boolean manifestNamesFile(Path dir, String name, List<String> contains, String stem) {
        // The nearest manifest is found once per directory; only the check of the file's name is per file.
        Optional<String> text = nearestManifest.computeIfAbsent(dir.resolve(name), k -> nearestManifestText(dir, name));
        if (text.isEmpty() || text.get().length() >= MAX_SIDE_FILE) {
            return false;
        }
        for (String c : contains) {
            if (text.get().contains(c.replace(FILE_STEM, stem))) {
                return true;
            }
        }
        return false;
    }

    /** The text of the manifest called {@code name} in {@code dir} or the nearest directory above it, if any. */
    private Optional<String> nearestManifestText(Path dir, String name) {
        Path at = dir;
        for (int levels = MARKER_LEVELS; at != null && levels >= 0; levels--, at = at.getParent()) {
            Path manifest = probe(at.resolve(name));
            if (kind(manifest) == Kind.FILE) {
                return texts.computeIfAbsent(manifest, ProjectLayout::readVersionFile);
            }
        }
        return Optional.empty();
    }

    private static boolean mentions(Path manifest, List<String> contains) {
        try {
            if (Files.size(manifest) >= MAX_SIDE_FILE) {
                return false;
            }
            String text = Files.readString(manifest, StandardCharsets.UTF_8);
            for (String c : contains) {
                if (text.contains(c)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private String configuredVersion(RunnerDescriptor d) {
        String v = runnerVersions.get(d.id());
        return v != null ? v : runnerVersions.get("*");
    }

    /** The configured version, else the first the project's manifests or lock files pin, else the descriptor's. */
    private Framework withVersion(Framework f, Path dir) {
        RunnerDescriptor d = f.descriptor();
        String configured = configuredVersion(d);
        if (configured != null) {
            return f.withVersion(configured, "configuration");
        }
        for (VersionFrom from : d.versionFrom()) {
            Optional<String[]> found = dir == null ? Optional.empty() : findVersion(dir, from, VERSION_LEVELS, true);
            if (found.isPresent()) {
                return f.withVersion(found.get()[0], found.get()[1]);
            }
        }
        return d.defaultVersion() == null ? f : f.withVersion(d.defaultVersion(), "assumed: no version found");
    }

    /** What the nearest version file (this directory or up to {@code levels} above) pins for the runner. */
    private Optional<String[]> findVersion(Path dir, VersionFrom from, int levels, boolean top) {
        Key key = new Key(dir, from.file(), from.packages(), levels);
        boolean keep = top || sharesParents;
        Optional<String[]> known = keep ? versions.get(key) : null;
        if (known == null) {
            Path p = probe(dir.resolve(from.file()));
            Path up = dir.getParent();
            // The nearest manifest speaks for the project, even when it does not name the runner.
            known = kind(p) == Kind.FILE ? pins.computeIfAbsent(p + "\u0000" + from.packages(), k -> pinned(p, from))
                    : levels > 0 && up != null ? findVersion(up, from, levels - 1, false) : Optional.empty();
            if (keep) {
                versions.put(key, known);
            }
        }
        return known;
    }

    /** The version of the first of the runner's packages that manifest {@code p} pins, with the manifest's name. */
    private Optional<String[]> pinned(Path p, VersionFrom from) {
        Optional<String> text = texts.computeIfAbsent(p, ProjectLayout::readVersionFile);
        if (text.isPresent()) {
            for (String pkg : from.packages()) {
                String v = RunnerVersions.find(from.file(), text.get(), pkg);
                if (v != null) {
                    return Optional.of(new String[] {v, from.file()});
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> readVersionFile(Path p) {
        try {
            return Files.size(p) > MAX_VERSION_FILE ? Optional.empty()
                    : Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * What the runner's side files say about the file's transaction: the first side file (in the descriptor's order)
     * that sets the key decides. A side file that does not parse is reported and skipped, as the runners skip it.
     */
    private Framework withSideFiles(Framework f, Path file, Path dir) {
        List<String> problems = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        Boolean tx = null;
        String source = null;
        for (SideFile side : f.descriptor().sideFiles()) {
            String rel = side.path().replace("{file}", file.getFileName().toString());
            Path d = dir;
            int levels = side.search().equals("ancestors") ? MARKER_LEVELS : 0;
            for (int i = 0; i <= levels && d != null; i++, d = d.getParent()) {
                Path p = d.resolve(rel).normalize();
                Optional<SideFileReader.Read> read = sideFiles.computeIfAbsent(p, this::readSide);
                if (read.isEmpty()) {
                    continue;
                }
                String shown = dir.relativize(p).toString().replace('\\', '/');
                SideFileReader.Read r = read.get();
                if (!r.ok()) {
                    if (side.setting().equals(SideFile.TRANSACTION)) {
                        problems.add(shown + ":" + r.line() + ": " + r.problem());
                    }
                } else if (!side.setting().equals(SideFile.TRANSACTION)) {
                    String v = r.values().get(side.key());
                    if (v != null && !settings.containsKey(side.setting()) && v.strip().equalsIgnoreCase(side.off())) {
                        settings.put(side.setting(), shown + " (" + side.key() + " = " + v.strip() + ")");
                    }
                } else if (tx == null && side.key() != null && r.values().containsKey(side.key())) {
                    Boolean value = SideFileReader.bool(r.values().get(side.key()));
                    if (value == null) {
                        problems.add(shown + ": " + side.key() + " must be true or false, not '" + r.values().get(side.key()) + "'");
                    } else {
                        tx = !r.values().get(side.key()).equalsIgnoreCase(side.off());
                        source = shown + " (" + side.key() + " = " + r.values().get(side.key()) + ")";
                    }
                }
                break; // the nearest file of this name decides
            }
        }
        Framework out = tx == null && problems.isEmpty() ? f : f.withSide(tx, source, problems);
        return settings.isEmpty() ? out : out.withSettings(settings);
    }

    private Optional<SideFileReader.Read> readSide(Path p) {
        Path probed = probe(p);
        if (!Files.isRegularFile(probed)) {
            return Optional.empty();
        }
        try {
            if (Files.size(probed) > MAX_SIDE_FILE) {
                return Optional.of(new SideFileReader.Read(Map.of(), 0, "larger than " + MAX_SIDE_FILE + " bytes"));
            }
            String text = Files.readString(probed, StandardCharsets.UTF_8);
            String format = format(probed.getFileName().toString());
            return Optional.of(SideFileReader.read(format, text));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new SideFileReader.Read(Map.of(), 0, "cannot be read: " + e.getMessage()));
        }
    }

    private static String format(String name) {
        if (name.endsWith(".toml")) {
            return "toml";
        }
        if (name.equals("sqitch.plan")) {
            return "sqitch-plan";
        }
        return "properties";
    }

    public Dialect dialect(Path file, String rel, String text) {
        return dialect(file, rel, TextClues.of(text));
    }

    public Dialect dialect(Path file, String rel, TextClues clues) {
        if (forcedDialect != null) {
            return forcedDialect;
        }
        Path dir = file == null ? null : file.toAbsolutePath().getParent();
        if (dir != null && rel.endsWith("/migration.sql")) {
            Optional<String> provider = prismaProvider(dir.getParent());
            if (provider.isPresent()) {
                Optional<Dialect> d = Dialect.parse(provider.get());
                if (d.isPresent()) {
                    return d.get();
                }
            }
        }
        if (clues.has("clickhouse-engine")) {
            return Dialect.CLICKHOUSE;
        }
        Dialect named = dialectNamedByPath(rel);
        if (named != null) {
            return named;
        }
        if (dir != null) {
            DirFacts at = dirFacts(dir);
            Optional<Dialect> journal = at.journalDialect;
            if (journal == null) {
                journal = drizzleDialect(dir).flatMap(ProjectLayout::drizzleDialectName);
                at.journalDialect = journal;
            }
            if (journal.isPresent()) {
                return journal.get();
            }
            Optional<Dialect> crate = crateDialect(dir, MARKER_LEVELS, true);
            if (crate.isPresent()) {
                return crate.get();
            }
            // The folder is listed once, not once per file of it (golang-migrate names match pop's generic form).
            Dialect left = PopVariants.dialectOfGeneric(file.getFileName().toString(),
                    () -> folders.computeIfAbsent(dir, d -> Optional.ofNullable(PopVariants.names(probe(d)))).orElse(null));
            if (left != null) {
                return left;
            }
        }
        return Dialect.POSTGRESQL;
    }

    /** The dialect the path names (see {@link #dialectNamedByPath}), else PostgreSQL. */
    public static Dialect dialectFromPath(String rel) {
        Dialect named = dialectNamedByPath(rel);
        return named == null ? Dialect.POSTGRESQL : named;
    }

    /**
     * The dialect a runner's naming gives a path: a variant part of the file name after its first dot
     * ({@code 1_users.mysql.up.sql}, {@code 1_users.sql.postgres}) first, then its folders, nearest first. Words of
     * the migration's own name ({@code 7_sqlite_cleanup.up.sql}) say what it is about, not where it runs, so they
     * never decide.
     */
    public static Dialect dialectNamedByPath(String rel) {
        String[] parts = rel.replace('\\', '/').split("/");
        Dialect named = dialectNamedIn(parts[parts.length - 1]);
        for (int i = parts.length - 2; named == null && i >= 0; i--) {
            named = wordNaming(parts[i], "_.-");
        }
        return named;
    }

    /**
     * The dialect a file name's variant parts (after its first dot) name, or a name that is only a dialect
     * ({@code sqlite3.sql}); null when none does.
     */
    public static Dialect dialectNamedIn(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return null;
        }
        Dialect whole = dialectNamed(name.toLowerCase(Locale.ROOT), 0, dot);
        return whole != null ? whole : wordNaming(name.substring(dot + 1), ".");
    }

    /** The first of {@code text}'s parts between {@code separators} that names a dialect, or null. */
    private static Dialect wordNaming(String text, String separators) {
        String lower = text.toLowerCase(Locale.ROOT);
        int from = 0;
        for (int i = 0; i <= lower.length(); i++) {
            if (i < lower.length() && separators.indexOf(lower.charAt(i)) < 0) {
                continue;
            }
            Dialect named = dialectNamed(lower, from, i);
            if (named != null) {
                return named;
            }
            from = i + 1;
        }
        return null;
    }

    /** Drizzle Kit's journal names the dialect; libSQL and Turso are SQLite. */
    static Optional<Dialect> drizzleDialectName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("turso") || n.equals("libsql") ? Optional.of(Dialect.SQLITE) : Dialect.parse(n);
    }

    /**
     * The database the nearest {@code Cargo.toml} above a folder enables for sqlx ({@code sqlx = { ..., features =
     * ["sqlite"] }}), when it names exactly one; null otherwise (sqlx's migrations carry no dialect of their own).
     */
    private Optional<Dialect> crateDialect(Path dir, int levels, boolean top) {
        Key key = new Key(dir, "Cargo.toml", null, levels);
        boolean keep = top || sharesParents;
        Optional<Dialect> known = keep ? crates.get(key) : null;
        if (known == null) {
            Optional<String> named = prismaProviders.computeIfAbsent(dir.resolve("Cargo.toml"), this::sqlxFeatureDialect);
            Path up = dir.getParent();
            known = named.isPresent() ? (named.get().isEmpty() ? Optional.<Dialect>empty() : Dialect.parse(named.get()))
                    : levels > 0 && up != null ? crateDialect(up, levels - 1, false) : Optional.empty();
            if (keep) {
                crates.put(key, known);
            }
        }
        return known;
    }

    /** Empty when there is no Cargo.toml; "" when it does not name one sqlx database; else the database. */
    private Optional<String> sqlxFeatureDialect(Path cargo) {
        Path probed = probe(cargo);
        try {
            if (kind(probed) != Kind.FILE || Files.size(probed) > 1_000_000) {
                return Optional.empty();
            }
            Matcher m = SQLX_DEPENDENCY.matcher(Files.readString(probed, StandardCharsets.UTF_8));
            Set<String> dbs = new TreeSet<>();
            while (m.find()) {
                Matcher f = SQLX_DATABASE.matcher(m.group(1));
                while (f.find()) {
                    dbs.add(f.group(1));
                }
            }
            if (dbs.size() == 1) {
                return Optional.of(dbs.iterator().next());
            }
            // No single database in the crate's own line: it may take sqlx from the workspace and its database from a
            // crate it depends on (feature unification), so the crate's code, when it names one database, decides.
            return Optional.of(crateCodeDatabase(cargo.getParent()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The one sqlx database the Rust sources under a crate's src/ use (SqlitePool, sqlx::postgres ...), or "". */
    private String crateCodeDatabase(Path crate) {
        Path src = crate.resolve("src");
        if (!Files.isDirectory(src)) {
            return "";
        }
        Set<String> dbs = new TreeSet<>();
        try (Stream<Path> files = Files.walk(src, 4)) {
            for (Path rs : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".rs")).limit(MAX_CRATE_SOURCES)::iterator) {
                Path probed = probe(rs);
                if (!Files.isRegularFile(probed) || Files.size(probed) > 1_000_000) {
                    continue;
                }
                Matcher m = SQLX_CODE_DATABASE.matcher(Files.readString(probed, StandardCharsets.UTF_8));
                while (m.find()) {
                    dbs.add(m.group(1) != null ? "sqlite" : m.group(2) != null ? "postgres" : "mysql");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
        return dbs.size() == 1 ? dbs.iterator().next() : "";
    }

    private Optional<String> drizzleDialect(Path dir) {
        Path journal = dir.resolve("meta").resolve("_journal.json");
        return prismaProviders.computeIfAbsent(journal, j -> {
            Path probed = probe(j);
            try {
                if (Files.isRegularFile(probed) && Files.size(probed) < 1_000_000) {
                    Matcher m = JOURNAL_DIALECT.matcher(Files.readString(probed, StandardCharsets.UTF_8));
                    if (m.find()) {
                        return Optional.of(m.group(1));
                    }
                }
            } catch (IOException e) {
                // No journal: other clues decide.
            }
            return Optional.empty();
        });
    }

    /** The dialect a path part names, or null. */
    static Dialect dialectNamed(String s, int from, int to) {
        int n = to - from;
        if (n < 2 || n > 11) {
            return null;
        }
        if (is(s, from, to, "mysql") || is(s, from, to, "mariadb")) {
            return Dialect.MYSQL;
        }
        if (is(s, from, to, "sqlite") || is(s, from, to, "sqlite3") || is(s, from, to, "riversqlite")) {
            return Dialect.SQLITE;
        }
        if (is(s, from, to, "postgres") || is(s, from, to, "postgresql") || is(s, from, to, "pg")) {
            return Dialect.POSTGRESQL;
        }
        if (is(s, from, to, "cockroach") || is(s, from, to, "cockroachdb") || is(s, from, to, "crdb")) {
            return Dialect.COCKROACHDB;
        }
        if (is(s, from, to, "clickhouse")) {
            return Dialect.CLICKHOUSE;
        }
        return null;
    }

    private static boolean is(String s, int from, int to, String word) {
        return to - from == word.length() && s.startsWith(word, from);
    }

    private Optional<String> prismaProvider(Path migrationsDir) {
        if (migrationsDir == null) {
            return Optional.empty();
        }
        return prismaProviders.computeIfAbsent(migrationsDir, dir -> {
            Path lock = probe(dir.resolve("migration_lock.toml"));
            try {
                if (Files.isRegularFile(lock) && Files.size(lock) < 10_000) {
                    Matcher m = PROVIDER.matcher(Files.readString(lock, StandardCharsets.UTF_8));
                    if (m.find()) {
                        return Optional.of(m.group(1));
                    }
                }
            } catch (IOException e) {
                // No provider: fall back to path hints.
            }
            return Optional.empty();
        });
    }
}
