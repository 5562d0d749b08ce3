package dev.migralint.workspace;

import dev.migralint.sql.op.Operation.MigrationHistory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.ContentSource;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.InvalidPatternException;
import org.eclipse.jgit.fnmatch.FileNameMatcher;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.NotIgnoredFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Picks the migration files a git-aware run lints and works out their history:
 * <ul>
 *   <li>{@code --changed}: files added, modified or renamed between the merge base of the base branch and HEAD
 *       (with {@code --include-uncommitted}: and the working tree, untracked files included), read from HEAD (or
 *       the disk);</li>
 *   <li>{@code --staged}: files the index changes relative to HEAD, read from the index, not the working tree. Their
 *       history is measured against the merge base of the base branch when there is one, else against HEAD.</li>
 * </ul>
 * Reports name working-tree paths relative to the lint root.
 */
public final class GitSelector {
    public enum Mode { CHANGED, STAGED }

    /**
     * @param baseRef the --base value, or null to use the CI variables and the default branches
     * @param env     the environment ({@code GITHUB_BASE_REF}, {@code CI_MERGE_REQUEST_TARGET_BRANCH_NAME})
     */
    public record Options(Mode mode, boolean includeUncommitted, String baseRef, Map<String, String> env) {}

    /**
     * A migration the change touches, with its history.
     *
     * @param baseText the file's text on the base when it was modified, renamed or deleted (to tell changed lines from
     *                 unchanged ones), else null
     * @param deleted  the change deletes it: nothing to lint, only history rules apply
     */
    public record Touched(String displayPath, MigrationHistory history, String baseText, boolean deleted) {}

    /**
     * @param files     files to read from disk (--include-uncommitted)
     * @param preloaded files read from git (HEAD or index blobs), under their working-tree paths
     * @param refused   files that cannot be linted (symbolic links leaving the repository)
     * @param touched   every selected file the change touches, deleted ones included, by display path
     * @param base      what the change was measured against, or null
     * @param note      something the user should know about the run (e.g. the history base fell back to HEAD), or null
     * @param release   with release tags configured, the newest release the base contains and the migrations it holds;
     *                  null when none is configured or none is found
     */
    public record Selection(List<Candidate> files, List<LoadedSource> preloaded, List<LoadedSource> refused,
                            Map<String, Touched> touched, String base, String note, Release release) {}

    /**
     * The newest release tag reachable from the base (as {@code git describe --tags --match} finds it) and the .sql
     * files of the change's history directories in its tree, by display path and by path in the repository: the
     * migrations that were released.
     */
    public record Release(String tag, Set<String> migrations, Set<String> gitPaths) {}

    private final GitRepository repo;
    private final FileCollector collector;
    private final Predicate<String> scope;
    private final SourceLoader loader;
    private final long maxBytes;
    private final Path rootReal;
    private final Path workReal;

    private GitSelector(GitRepository repo, FileCollector collector, Predicate<String> scope, long maxBytes) {
        this.repo = repo;
        this.collector = collector;
        this.scope = scope;
        this.loader = new SourceLoader(maxBytes);
        this.maxBytes = maxBytes;
        this.rootReal = real(collector.root());
        this.workReal = real(repo.workTree());
    }

    /**
     * Selects the files of a git-aware run.
     *
     * @param cwd       where the command runs (any directory of the work tree)
     * @param collector the lint root with the include/exclude globs
     * @param scope     for runs given PATHS, which root-relative files they cover; null to select by discovery
     */
    public static Selection select(Path cwd, FileCollector collector, Predicate<String> scope, Options options,
                                   long maxBytes) throws GitException {
        return select(cwd, collector, scope, options, maxBytes, null);
    }

    /** As above; {@code releaseTags}, when not null, is the glob release tags match (see {@link Release}). */
    public static Selection select(Path cwd, FileCollector collector, Predicate<String> scope, Options options,
                                   long maxBytes, String releaseTags) throws GitException {
        GitReadAhead.Read ahead = GitReadAhead.take(cwd, options);
        if (ahead != null) {
            try (GitRepository repo = ahead.repo()) {
                if (ahead.failure() != null) {
                    throw ahead.failure();
                }
                return new GitSelector(repo, collector, scope, maxBytes).run(ahead.change(), options, releaseTags);
            }
        }
        try (GitRepository repo = GitRepository.open(cwd)) {
            return new GitSelector(repo, collector, scope, maxBytes).run(change(repo, options), options, releaseTags);
        }
    }

    /**
     * What git says about a change, before any configuration applies: HEAD, the base, the diff that decides which
     * files a run lints, and the .sql files of the trees its history facts compare with.
     */
    record Change(String note, String baseLabel, List<DiffEntry> diff,
                          Map<String, ObjectId> onBase, List<String> mergedSince, Map<String, ObjectId> before,
                          RevCommit historyBase, Set<String> dirs) {}

    static Change change(GitRepository repo, Options options) throws GitException {
        RevCommit head = repo.head();
        GitRepository.Base base = null;
        String note = null;
        if (options.mode() == Mode.CHANGED || (options.baseRef() != null && !options.baseRef().isBlank())) {
            base = repo.base(options.baseRef(), options.env());
        } else if (head != null) {
            try {
                base = repo.base(null, options.env());
            } catch (GitException e) {
                // A repository without a main/master branch simply has no base: HEAD is what was merged. A base that
                // should be there but is not (a shallow clone, a CI variable) is worth a word.
                note = e.noDefaultBase() ? null : "history rules compare the staged files with HEAD: " + e.getMessage();
            }
        }
        RevCommit historyBase = base != null ? base.mergeBase() : head;
        String baseLabel = base != null ? base.label() : head == null ? null : "HEAD (" + head.abbreviate(8).name() + ")";

        RevCommit diffBase = options.mode() == Mode.CHANGED ? historyBase : head;
        DirCache index = options.mode() == Mode.STAGED ? repo.readIndex() : null;
        List<DiffEntry> diff = diff(repo, diffBase == null ? null : diffBase.getTree(), index, options);
        // History facts compare a migration with the others of its directory only: the trees are read there, not
        // whole (a monorepo's tree has far more files than its migration directories).
        Set<String> dirs = historyDirs(diff);

        // A staged run knows HEAD's files from the index and the staged diff; another commit's are HEAD's changed by
        // what differs between the two trees, a walk that reads only the subtrees that differ (a branch's own
        // changes), not one per migration.
        Map<String, ObjectId> headFiles = index != null && head != null ? headFilesFromIndex(index, diff, dirs) : null;
        Map<String, ObjectId> onBase = files(repo, historyBase, head, headFiles, dirs);
        List<String> mergedSince = new ArrayList<>();
        if (base != null && !base.tip().equals(base.mergeBase())) {
            for (String p : files(repo, base.tip(), head, headFiles, dirs).keySet()) {
                if (!onBase.containsKey(p)) {
                    mergedSince.add(p);
                }
            }
        }
        Map<String, ObjectId> before = Objects.equals(diffBase, historyBase) ? onBase
                : files(repo, diffBase, head, headFiles, dirs);
        return new Change(note, baseLabel, diff, onBase, mergedSince, before, historyBase, dirs);
    }

    private Selection run(Change read, Options options, String releaseTags) throws GitException {
        String note = read.note();
        String baseLabel = read.baseLabel();
        List<DiffEntry> diff = read.diff();
        Map<String, ObjectId> onBase = read.onBase();
        List<String> mergedSince = read.mergedSince();
        Map<String, ObjectId> before = read.before();

        Map<String, ObjectId> target = new LinkedHashMap<>(before);
        for (DiffEntry e : diff) {
            if (e.getChangeType() == DiffEntry.ChangeType.DELETE || e.getChangeType() == DiffEntry.ChangeType.RENAME) {
                target.remove(e.getOldPath());
            }
            if (e.getChangeType() != DiffEntry.ChangeType.DELETE) {
                target.put(e.getNewPath(), id(e.getNewId()));
            }
        }
        // Blobs the change takes away from a path (deleted, or renamed elsewhere), and those paths.
        Set<ObjectId> movedAway = new HashSet<>();
        Set<String> removed = new HashSet<>();
        for (DiffEntry e : diff) {
            if (e.getChangeType() == DiffEntry.ChangeType.DELETE || e.getChangeType() == DiffEntry.ChangeType.RENAME) {
                movedAway.add(id(e.getOldId()));
                removed.add(e.getOldPath());
            }
        }
        Release release = releaseTags == null || read.historyBase() == null ? null
                : release(releaseTags, read.historyBase(), read.dirs());
        HistoryFacts facts = new HistoryFacts(onBase.keySet(), mergedSince, target.keySet(), baseLabel, this::displayOrSelf,
                release == null ? null : release.tag(), release == null ? null : release.gitPaths());

        boolean fromDisk = options.mode() == Mode.CHANGED && options.includeUncommitted();
        List<Path> diskFiles = new ArrayList<>();
        List<LoadedSource> preloaded = new ArrayList<>();
        Map<String, Touched> touched = new LinkedHashMap<>();
        try (ObjectReader reader = repo.repository().newObjectReader()) {
            for (DiffEntry e : diff) {
                String oldPath = e.getChangeType() == DiffEntry.ChangeType.ADD ? null : e.getOldPath();
                String newPath = e.getChangeType() == DiffEntry.ChangeType.DELETE ? null : e.getNewPath();
                boolean oldSelected = oldPath != null && selected(oldPath, () -> head(reader, id(e.getOldId())));
                boolean newSelected = newPath != null && (fromDisk ? selected(newPath, () -> diskHead(newPath))
                        : selected(newPath, () -> head(reader, id(e.getNewId()))));
                if (e.getChangeType() == DiffEntry.ChangeType.COPY) {
                    oldSelected = false;
                }
                if (!newSelected) {
                    // Deleted, or renamed to something that is no migration any more: gone from the history.
                    if (oldSelected && onBase.containsKey(oldPath)
                            && !movedWithItsDirectory(oldPath, onBase.get(oldPath), target, removed)) {
                        String display = display(oldPath);
                        // Its text on the base: what detection reads to know the runner of a file that is gone.
                        touched.put(display, new Touched(display,
                                facts.facts(oldPath, HistoryFacts.DELETED, null, 0), text(reader, onBase.get(oldPath)),
                                true));
                    }
                    continue;
                }
                String display = display(newPath);
                ObjectId newId = id(e.getNewId());
                String change;
                String previous = null;
                ObjectId baseId;
                if (oldSelected && !oldPath.equals(newPath) && onBase.containsKey(oldPath)
                        && MigrationNames.sameMigration(oldPath, newPath)) {
                    // Only its folder moved: the runner knows it by the same versioned name, so it is not renamed.
                    previous = oldPath;
                    baseId = onBase.get(oldPath);
                    change = baseId.equals(newId) ? HistoryFacts.UNCHANGED : HistoryFacts.MODIFIED;
                } else if (oldSelected && !oldPath.equals(newPath) && onBase.containsKey(oldPath)) {
                    change = HistoryFacts.RENAMED;
                    previous = oldPath;
                    baseId = onBase.get(oldPath);
                } else if (onBase.containsKey(newPath)) {
                    baseId = onBase.get(newPath);
                    change = baseId.equals(newId) ? HistoryFacts.UNCHANGED : HistoryFacts.MODIFIED;
                } else {
                    change = HistoryFacts.ADDED;
                    baseId = null;
                }
                String baseText = change.equals(HistoryFacts.MODIFIED) || change.equals(HistoryFacts.RENAMED)
                        || (change.equals(HistoryFacts.UNCHANGED) && previous != null) ? text(reader, baseId) : null;
                if (change.equals(HistoryFacts.ADDED) && movedAway.contains(newId)) {
                    // The same text the change removes from another path: moved there (git pairs one such copy
                    // as the rename, arbitrarily), so none of its lines is new.
                    baseText = text(reader, newId);
                }
                touched.put(display, new Touched(display, facts.facts(newPath, change, previous, 0), baseText, false));
                if (fromDisk || e.getNewMode() == FileMode.SYMLINK) {
                    // A symbolic link is linted through the file it points to, if that stays in the repository.
                    diskFiles.add(collector.root().resolve(display));
                } else if (GitRepository.isFile(e.getNewMode())) {
                    preloaded.add(load(reader, newId, display));
                }
            }
        }
        FileCollector.Collected disk = collector.check(diskFiles);
        preloaded.sort((a, b) -> MigrationOrder.INSTANCE.compare(a.displayPath(), b.displayPath()));
        return new Selection(disk.files(), preloaded, disk.refused(), touched, baseLabel, note, release);
    }

    /** The change's migrations by blob, read from HEAD's whole tree once, when a retired directory asks. */
    private Map<ObjectId, List<String>> sqlByBlob;

    /**
     * Whether a migration the change deletes lives on, the same file under the same name, in another history
     * directory, while the change leaves its own directory without a migration: the project retired that directory
     * for the other (mCaptcha's 04b0073d removed migrations/ after its files were copied to
     * db/db-sqlx-postgres/migrations/, which sqlx reads from then on). Deleting one file of a directory that keeps
     * others (one database's copy of a migration several databases share) is still a deletion.
     */
    private boolean movedWithItsDirectory(String oldPath, ObjectId blob, Map<String, ObjectId> target,
                                          Set<String> removed) throws GitException {
        String dir = MigrationNames.historyDir(oldPath);
        for (String p : target.keySet()) {
            if (MigrationNames.historyDir(p).equals(dir)) {
                return false;
            }
        }
        if (sqlByBlob == null) {
            sqlByBlob = new HashMap<>();
            RevCommit head = repo.head();
            Map<String, ObjectId> all = new HashMap<>(head == null ? Map.of() : repo.sqlFiles(head.getTree(), null));
            all.putAll(target);
            for (Map.Entry<String, ObjectId> e : all.entrySet()) {
                sqlByBlob.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (String p : sqlByBlob.getOrDefault(blob, List.of())) {
            if (!removed.contains(p) && !MigrationNames.historyDir(p).equals(dir)
                    && MigrationNames.sameMigration(oldPath, p)) {
                return true;
            }
        }
        return false;
    }

    /** See {@link Release}; null when no tag matching {@code glob} is reachable from {@code from}. */
    private Release release(String glob, RevCommit from, Set<String> dirs) throws GitException {
        String described;
        try {
            // Without a tag the glob matches, describe would walk the whole history to say so.
            FileNameMatcher matcher = new FileNameMatcher(glob, null);
            boolean any = false;
            for (Ref ref : repo.repository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                matcher.reset();
                matcher.append(ref.getName().substring(Constants.R_TAGS.length()));
                if (matcher.isMatch()) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return null;
            }
            described = Git.wrap(repo.repository()).describe().setTarget(from).setTags(true).setLong(true)
                    .setMatch(glob).call();
        } catch (InvalidPatternException e) {
            throw new GitException("releases.tags '" + glob + "' is not a glob git can match: " + e.getMessage(), e);
        } catch (GitAPIException | IOException e) {
            throw new GitException("cannot find the release tags matching '" + glob + "': " + e.getMessage(), e);
        }
        if (described == null) {
            return null;
        }
        // --long always ends in -<commits since>-g<abbreviated id>; the tag is what comes before.
        String tag = described.replaceFirst("-\\d+-g[0-9a-f]+$", "");
        try (RevWalk walk = new RevWalk(repo.repository())) {
            ObjectId id = repo.repository().resolve(Constants.R_TAGS + tag + "^{commit}");
            if (id == null) {
                return null;
            }
            RevCommit tagged = walk.parseCommit(id);
            Set<String> gitPaths = new HashSet<>(repo.sqlFiles(tagged.getTree(), dirs).keySet());
            Set<String> migrations = new HashSet<>();
            for (String p : gitPaths) {
                migrations.add(displayOrSelf(p));
            }
            return new Release(tag, migrations, gitPaths);
        } catch (IOException e) {
            throw new GitException("cannot read release tag " + tag + ": " + e.getMessage(), e);
        }
    }

    /**
     * The history directories of the .sql files a diff touches (old and new paths), or null when one of them is the
     * repository's root, whose history is the whole tree.
     */
    static Set<String> historyDirs(List<DiffEntry> diff) {
        Set<String> dirs = new TreeSet<>();
        for (DiffEntry e : diff) {
            for (String p : new String[] {e.getOldPath(), e.getNewPath()}) {
                if (p == null || p.equals(DiffEntry.DEV_NULL) || !GitRepository.SqlFilter.accepts(p)) {
                    continue;
                }
                String dir = MigrationNames.historyDir(p);
                if (dir.isEmpty()) {
                    return null;
                }
                dirs.add(dir);
            }
        }
        return dirs;
    }

    private boolean selected(String gitPath, Supplier<String> head) {
        String rel = relative(gitPath);
        if (rel == null) {
            return false;
        }
        return scope != null ? scope.test(rel) : collector.selects(rel, head);
    }

    /** The .sql files of a commit under {@code dirs}; from HEAD's when they are known (see above). */
    private static Map<String, ObjectId> files(GitRepository repo, RevCommit at, RevCommit head,
                                               Map<String, ObjectId> headFiles, Set<String> dirs) throws GitException {
        if (at == null || headFiles == null) {
            return repo.sqlFiles(at == null ? null : at.getTree(), dirs);
        }
        return at.equals(head) ? headFiles : repo.sqlFiles(at.getTree(), head.getTree(), headFiles, dirs);
    }

    /**
     * What {@link GitRepository#sqlFiles(RevTree, java.util.Collection)} gives for HEAD's tree, from the index and the
     * diff of HEAD against it instead of from HEAD's trees: the index's .sql files under {@code dirs} (all of them
     * when null), with the staged change undone. In git's order, as a tree walk lists them. A staged run measured
     * against HEAD (no base branch, or a branch with no commits of its own) then reads no history tree; in a Prisma
     * history that was a tree per migration, read a second time after the diff read it, and for a branch with
     * commits of its own once more at the merge base.
     *
     * @param index the index whose diff against HEAD is {@code diff}
     * @return the files, or null when the index is no tree: unmerged paths (a merge in progress), or a sparse index's
     *         directory entries
     */
    static Map<String, ObjectId> headFilesFromIndex(DirCache index, List<DiffEntry> diff, Set<String> dirs) {
        if (index.hasUnmergedPaths()) {
            return null;
        }
        Map<String, ObjectId> files = new HashMap<>();
        // Only the history directories' entries (a binary search each): a monorepo's index holds far more.
        List<DirCacheEntry> entries = new ArrayList<>();
        if (dirs == null) {
            entries.addAll(Arrays.asList(index.getEntriesWithin("")));
        } else {
            for (String d : dirs) {
                entries.addAll(Arrays.asList(index.getEntriesWithin(d)));
            }
        }
        for (DirCacheEntry e : entries) {
            if (e.getFileMode() == FileMode.TREE) {
                return null;
            }
            // An intent-to-add entry (git add -N) is in neither HEAD nor the diff.
            if (e.isIntentToAdd() || !GitRepository.isFile(e.getFileMode())
                    || !GitRepository.SqlFilter.hasSqlSuffix(e.getRawPath())) {
                continue;
            }
            String path = e.getPathString();
            if (!FileCollector.inSkippedDir(path) && within(path, dirs)) {
                files.put(path, e.getObjectId());
            }
        }
        // Every path the change writes goes, then what HEAD had at every path it changes comes back: in two passes,
        // as a type change (a file become a link) is a deletion and an addition of the same path.
        for (DiffEntry d : diff) {
            if (d.getChangeType() != DiffEntry.ChangeType.DELETE) {
                files.remove(d.getNewPath());
            }
        }
        for (DiffEntry d : diff) {
            DiffEntry.ChangeType type = d.getChangeType();
            // The diff's paths passed the same .sql filter as the tree walks.
            if (type != DiffEntry.ChangeType.ADD && type != DiffEntry.ChangeType.COPY
                    && GitRepository.isFile(d.getOldMode()) && within(d.getOldPath(), dirs)) {
                files.put(d.getOldPath(), id(d.getOldId()));
            }
        }
        return GitRepository.inGitOrder(files);
    }

    /** Whether a path is under one of the history directories (null: the whole tree is history). */
    private static boolean within(String path, Set<String> dirs) {
        if (dirs == null) {
            return true;
        }
        for (String d : dirs) {
            if (path.length() > d.length() && path.startsWith(d) && path.charAt(d.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    /** The diff that decides which files the run lints, with renames detected as git does by default. */
    static List<DiffEntry> diff(GitRepository repo, RevTree from, DirCache index, Options options) throws GitException {
        var repository = repo.repository();
        // Without the repository, the walk reads no .gitattributes (DiffEntry.scan would, for diff attributes nothing
        // here uses); the working tree's iterator needs them (line endings), so it keeps the repository.
        try (ObjectReader reader = repository.newObjectReader();
             TreeWalk walk = options.includeUncommitted() ? new TreeWalk(repository, reader) : new TreeWalk(reader)) {
            AbstractTreeIterator oldTree = from == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, from);
            AbstractTreeIterator newTree;
            ContentSource newSource;
            TreeFilter filter = AndTreeFilter.create(GitRepository.SqlFilter.INSTANCE, TreeFilter.ANY_DIFF);
            if (options.mode() == Mode.STAGED) {
                newTree = new DirCacheIterator(index);
                newSource = ContentSource.create(reader);
            } else if (options.includeUncommitted()) {
                newTree = new FileTreeIterator(repository);
                newSource = ContentSource.create(new FileTreeIterator(repository));
                filter = AndTreeFilter.create(filter, new NotIgnoredFilter(1));
            } else {
                RevCommit head = repo.head();
                newTree = new CanonicalTreeParser(null, reader, head.getTree());
                newSource = ContentSource.create(reader);
            }
            walk.addTree(oldTree);
            walk.addTree(newTree);
            walk.setRecursive(true);
            walk.setFilter(filter);
            List<DiffEntry> entries = DiffEntry.scan(walk);
            RenameDetector renames = new RenameDetector(repository);
            renames.addAll(entries);
            List<DiffEntry> out = new ArrayList<>(renames.compute(
                    new ContentSource.Pair(ContentSource.create(reader), newSource), NullProgressMonitor.INSTANCE));
            // Not Comparator.comparing: its lambda is the JDK's, which the start-up archive cannot keep.
            out.sort((a, b) -> MigrationOrder.INSTANCE.compare(sortPath(a), sortPath(b)));
            return out;
        } catch (IOException | CanceledException e) {
            throw new GitException("cannot diff the repository: " + e.getMessage(), e);
        }
    }

    private static String sortPath(DiffEntry d) {
        return d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath();
    }

    private LoadedSource load(ObjectReader reader, ObjectId id, String display) {
        try {
            byte[] bytes = repo.read(reader, id, maxBytes); // null when over the limit: one lookup of the blob
            if (bytes == null) {
                long size = repo.size(reader, id);
                return new LoadedSource(display, null, "too-large", "file is " + SourceLoader.human(size) + ", over the "
                        + SourceLoader.human(maxBytes) + " limit (max-file-size in .migralint.yml); it was not analysed",
                        0, false);
            }
            return loader.decode(collector.root().resolve(display), display, bytes);
        } catch (IOException e) {
            return new LoadedSource(display, null, "unreadable", "cannot read the blob from git: " + e.getMessage(), 0, false);
        }
    }

    private String text(ObjectReader reader, ObjectId id) {
        try {
            byte[] bytes = repo.read(reader, id, maxBytes);
            if (bytes == null) {
                return null;
            }
            LoadedSource l = loader.decode(null, "base", bytes);
            return l.ok() ? l.source().text() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String head(ObjectReader reader, ObjectId id) {
        try {
            byte[] bytes = repo.read(reader, id, 1L << 20);
            return bytes == null ? "" : new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String diskHead(String gitPath) {
        try (var in = Files.newInputStream(workReal.resolve(gitPath))) {
            return new String(in.readNBytes(256), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The path relative to the lint root, or null when the file lies outside it. */
    private String relative(String gitPath) {
        Path abs = workReal.resolve(gitPath).normalize();
        if (!abs.startsWith(rootReal)) {
            return null;
        }
        return rootReal.relativize(abs).toString().replace('\\', '/');
    }

    private String display(String gitPath) {
        return relative(gitPath);
    }

    private String displayOrSelf(String gitPath) {
        String rel = relative(gitPath);
        return rel != null ? rel : gitPath;
    }

    private static ObjectId id(AbbreviatedObjectId id) {
        return id == null ? null : id.toObjectId();
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
