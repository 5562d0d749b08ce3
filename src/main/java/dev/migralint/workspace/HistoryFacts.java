package dev.migralint.workspace;

import dev.migralint.sql.Dialect;
import dev.migralint.sql.op.Operation.MigrationHistory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Computes {@code migration-history} operations: how a migration differs from the base, and how it fits among the
 * migrations of its directory as they will be once the change lands (duplicate versions, an added migration older
 * than the newest one on the base, an up migration without its down).
 *
 * <p>Paths are relative to one root (the git work tree, or the lint root for a plain check); {@code display} turns
 * them into the paths reports show.
 */
public final class HistoryFacts {
    public static final String ADDED = "added";
    public static final String MODIFIED = "modified";
    public static final String RENAMED = "renamed";
    public static final String DELETED = "deleted";
    public static final String UNCHANGED = "unchanged";

    private final Set<String> onBase;
    private final String baseLabel;
    /** The newest release tag the base contains and the .sql files it holds (null: no release tags configured or found). */
    private final String releaseTag;
    private final Set<String> released;
    private final Function<String, String> display;
    /** Per history directory, the up migrations (after the change, and merged into the base since) by version. */
    private final Map<String, Map<String, List<String>>> upByVersion = new HashMap<>();
    /** Per history directory, its down migrations, lower-cased, and the versions of its Flyway undo migrations. */
    private final Map<String, Set<String>> downs = new HashMap<>();
    private final Map<String, Set<String>> undoVersions = new HashMap<>();
    /** Per history directory, the newest up migration on the base (merge base or tip). */
    private final Map<String, String> newestOnBase = new HashMap<>();

    /**
     * @param onBase      the .sql files at the merge base (empty without a base)
     * @param mergedSince .sql files on the base branch's tip that the merge base lacks: merged since this branch left it
     * @param target      the .sql files as they are after the change (HEAD, the index or the working tree)
     * @param baseLabel   how messages name the base, or null without one
     */
    public HistoryFacts(Collection<String> onBase, Collection<String> mergedSince, Collection<String> target,
                        String baseLabel, Function<String, String> display) {
        this(onBase, mergedSince, target, baseLabel, display, null, null);
    }

    /**
     * As above, with release tags configured: {@code releaseTag} is the newest the base contains and {@code released}
     * the .sql files its tree holds (both null when none is configured or found).
     */
    public HistoryFacts(Collection<String> onBase, Collection<String> mergedSince, Collection<String> target,
                        String baseLabel, Function<String, String> display, String releaseTag, Set<String> released) {
        this.releaseTag = releaseTag;
        this.released = released;
        this.onBase = new LinkedHashSet<>(onBase);
        this.baseLabel = baseLabel;
        this.display = display;
        Set<String> after = new LinkedHashSet<>(target);
        after.addAll(mergedSince);
        for (String p : after) {
            if (NotMigrations.matches(p)) {
                continue;
            }
            String dir = MigrationNames.historyDir(p);
            if (MigrationNames.isDown(p)) {
                downs.computeIfAbsent(dir, k -> new HashSet<>()).add(p.toLowerCase(Locale.ROOT));
                String v = MigrationNames.version(p);
                if (v != null) {
                    undoVersions.computeIfAbsent(dir, k -> new HashSet<>()).add(v);
                }
            } else if (!MigrationNames.isRepeatable(p) && MigrationNames.version(p) != null) {
                // ordinaryUp(p), less what this loop has already asked
                upByVersion.computeIfAbsent(dir, k -> new HashMap<>())
                        .computeIfAbsent(MigrationNames.version(p), k -> new ArrayList<>()).add(p);
            }
        }
        Set<String> base = new LinkedHashSet<>(onBase);
        base.addAll(mergedSince);
        Map<String, String> newestVersion = new HashMap<>();
        for (String p : base) {
            if (!ordinaryUp(p)) {
                continue;
            }
            String dir = MigrationNames.historyDir(p);
            String v = MigrationNames.version(p);
            String known = newestVersion.get(dir);
            if (known == null || MigrationOrder.INSTANCE.compare(v, known) > 0) {
                newestVersion.put(dir, v);
                newestOnBase.put(dir, p);
            }
        }
    }

    /** An up migration with a version: one that takes part in ordering and version checks. */
    private static boolean ordinaryUp(String p) {
        return !MigrationNames.isDown(p) && !MigrationNames.isRepeatable(p) && MigrationNames.version(p) != null
                && !NotMigrations.matches(p);
    }

    /**
     * For a plain check (no git): the linted files' directories as they are on disk, with no base. Only the facts
     * that need no history hold then: duplicate versions and missing down migrations.
     */
    public static HistoryFacts onDisk(Path root, Collection<String> files, Function<String, String> display) {
        return onDisk(root, files, display, d -> { });
    }

    /** As above; {@code listed} hears of every directory whose listing the facts read, in a fixed order. */
    public static HistoryFacts onDisk(Path root, Collection<String> files, Function<String, String> display,
                                      Consumer<Path> listed) {
        Set<String> dirs = new TreeSet<>();
        for (String f : files) {
            dirs.add(MigrationNames.historyDir(f));
        }
        Set<String> target = new LinkedHashSet<>(files);
        // The directories are listed in parallel (a history of Prisma or Diesel migrations is a stat per migration
        // directory and layout file), their files added in directory order.
        List<String> ordered = new ArrayList<>(dirs);
        List<Listing> listings = new ArrayList<>(Collections.nCopies(ordered.size(), null));
        IntStream each = IntStream.range(0, ordered.size());
        (ordered.size() > 1 && files.size() >= 64 ? each.parallel() : each)
                .forEach(i -> listings.set(i, sqlFilesIn(root, ordered.get(i), target)));
        for (Listing l : listings) {
            l.dirs().forEach(listed);
            target.addAll(l.files());
        }
        return new HistoryFacts(List.of(), List.of(), target, null, display);
    }

    /** What one history directory's listing found: its .sql files and the directories listed to find them. */
    private record Listing(List<String> files, List<Path> dirs) {
    }

    /** The fixed file names of the directory-per-migration layouts (Prisma, Diesel). */
    private static final List<String> LAYOUT_FILES = List.of("migration.sql", "up.sql", "down.sql");

    /**
     * The .sql files of one history directory, and the layout files of its per-migration directories. {@code given}
     * are the files the check was given (paths relative to the root, read only): they exist, and so do their
     * directories, which need no look on disk (a Diesel history is a directory per migration).
     */
    private static Listing sqlFilesIn(Path root, String dir, Set<String> given) {
        Path d = dir.isEmpty() ? root : root.resolve(dir);
        String prefix = dir.isEmpty() ? "" : dir + "/";
        List<String> found = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        dirs.add(d);
        // One listing per directory (and per migration directory of the Prisma and Diesel layouts), no walk.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (FileCollector.isSql(name)) {
                    found.add(prefix + name);
                } else if (!FileCollector.SKIPPED_DIRS.contains(name)) {
                    String inside = prefix + name + "/";
                    boolean holdsGiven = false;
                    for (String layoutFile : LAYOUT_FILES) {
                        holdsGiven |= given.contains(inside + layoutFile);
                    }
                    if (holdsGiven || Files.isDirectory(e)) {
                        dirs.add(e);
                        for (String layoutFile : LAYOUT_FILES) {
                            if (given.contains(inside + layoutFile) || Files.exists(e.resolve(layoutFile))) {
                                found.add(inside + layoutFile);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable directory: the facts are computed from the files we were given.
        }
        return new Listing(found, dirs);
    }

    public String baseLabel() {
        return baseLabel;
    }

    public boolean onBase(String path) {
        return onBase.contains(path);
    }

    /**
     * The history operation of one file.
     *
     * @param change       one of the constants above
     * @param previousPath the old path of a rename, else null
     * @param changedLines lines added or changed relative to the base
     */
    public MigrationHistory facts(String path, String change, String previousPath, int changedLines) {
        String version = MigrationNames.version(path);
        boolean down = MigrationNames.isDown(path);
        boolean repeatable = MigrationNames.isRepeatable(path);
        boolean existed = onBase.contains(previousPath != null ? previousPath : path);
        boolean ordinaryUp = !down && !repeatable && version != null;
        boolean present = !change.equals(DELETED);
        String dir = MigrationNames.historyDir(path);

        String newest = null;
        if (change.equals(ADDED) && ordinaryUp) {
            String candidate = newestOnBase.get(dir);
            if (candidate != null && !candidate.equals(path)
                    && MigrationOrder.INSTANCE.compare(version, MigrationNames.version(candidate)) < 0) {
                newest = candidate;
            }
        }

        List<String> duplicates = new ArrayList<>();
        String expectedDown = null;
        if (present && ordinaryUp) {
            Dialect named = ProjectLayout.dialectNamedIn(MigrationNames.fileName(path));
            for (String p : upByVersion.getOrDefault(dir, Map.of()).getOrDefault(version, List.of())) {
                // pop keeps one file per database for a version (20240101_users.postgres.up.sql, .mysql.up.sql).
                if (!p.equals(path) && ProjectLayout.dialectNamedIn(MigrationNames.fileName(p)) == named) {
                    duplicates.add(display.apply(p));
                }
            }
            String expected = MigrationNames.expectedDown(path);
            Set<String> dirDowns = downs.getOrDefault(dir, Set.of());
            if (expected != null && !dirDowns.isEmpty()) {
                boolean hasDown = expected.endsWith("__*.sql")
                        ? undoVersions.getOrDefault(dir, Set.of()).contains(version)
                        : dirDowns.contains(expected.toLowerCase(Locale.ROOT));
                if (!hasDown) {
                    expectedDown = display.apply(expected);
                }
            }
        }
        return new MigrationHistory(change, existed, previousPath == null ? null : display.apply(previousPath),
                baseLabel, version, down ? "down" : "up", repeatable, newest != null,
                newest == null ? null : display.apply(newest), !duplicates.isEmpty(), List.copyOf(duplicates),
                expectedDown != null, expectedDown, changedLines, false, false,
                previousPath != null && version != null && version.equals(MigrationNames.version(previousPath)),
                previousPath != null && version != null && MigrationNames.version(previousPath) != null
                        && MigrationOrder.INSTANCE.compare(version, MigrationNames.version(previousPath)) > 0,
                released == null || released.contains(previousPath != null ? previousPath : path) ? null : releaseTag,
                false, false);
    }

    /** The same operation with the number of changed lines set (known once the new text is read). */
    public static MigrationHistory withChangedLines(MigrationHistory h, int changedLines) {
        return new MigrationHistory(h.change(), h.existedOnBase(), h.previousPath(), h.base(), h.version(),
                h.direction(), h.repeatable(), h.outOfOrder(), h.newestOnBase(), h.duplicateVersion(), h.duplicates(),
                h.missingDown(), h.expectedDown(), changedLines, h.runnerVerifiesChecksums(), h.runnerKeysByVersion(),
                h.versionKept(), h.versionRaised(), h.unreleasedSince(), h.runnerSkipsFile(), h.runnerSkippedPrevious());
    }

    /**
     * The same operation as the runner sees an edit of a file whose sections are migrations of their own: unchanged
     * when no section the base held was edited or removed (the edit only added sections, or edited ones the runner runs
     * again), else the lines of those sections, and checksums refused only when an edited one is neither run again
     * nor accepted (a removed section stays applied; an accepted edit drifts).
     */
    public static MigrationHistory withSectionEdits(MigrationHistory h, SectionEdits edits) {
        boolean applied = edits.touchesApplied();
        return new MigrationHistory(applied ? h.change() : UNCHANGED, h.existedOnBase(), h.previousPath(), h.base(),
                h.version(), h.direction(), h.repeatable(), h.outOfOrder(), h.newestOnBase(), h.duplicateVersion(),
                h.duplicates(), h.missingDown(), h.expectedDown(), applied ? edits.lines() : 0,
                h.runnerVerifiesChecksums() && edits.refused(), h.runnerKeysByVersion(), h.versionKept(),
                h.versionRaised(), h.unreleasedSince(), h.runnerSkipsFile(), h.runnerSkippedPrevious());
    }

    /**
     * The same operation with what the file's runner does about edited history and which files it applies (known once
     * the runner is); {@code path} is the file's, {@code dir} the directory it is in on disk (null when unknown).
     */
    public static MigrationHistory withRunner(MigrationHistory h, String framework, String path, Path dir) {
        return new MigrationHistory(h.change(), h.existedOnBase(), h.previousPath(), h.base(), h.version(),
                h.direction(), h.repeatable(), h.outOfOrder(), h.newestOnBase(), h.duplicateVersion(), h.duplicates(),
                h.missingDown(), h.expectedDown(), h.changedLines(), RunnerTraits.verifiesChecksums(framework),
                RunnerTraits.keysByVersion(framework), h.versionKept(), h.versionRaised(), h.unreleasedSince(),
                h.runnerSkipsFile() || RunnerTraits.skips(framework, path, dir),
                h.runnerSkippedPrevious() || h.previousPath() != null && RunnerTraits.skips(framework, h.previousPath(), dir));
    }
}
