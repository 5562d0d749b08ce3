package dev.migralint.workspace;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The git repository around a directory, read with JGit: found from any subdirectory, in linked worktrees (whose
 * hooks and objects live in the common directory) and with {@code GIT_DIR}, {@code GIT_WORK_TREE} and
 * {@code GIT_INDEX_FILE} honoured, as git sets them for hooks.
 */
public final class GitRepository implements AutoCloseable {
    /** Tried in order when neither --base nor a CI variable names the base branch. */
    public static final List<String> DEFAULT_BASES = List.of("origin/main", "main", "origin/master", "master", "origin/HEAD");
    /** CI variables naming a pull/merge request's target branch, in the order they are read. */
    public static final List<String> BASE_VARIABLES = List.of("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME");

    private final Repository repo;
    private final Path workTree;

    private GitRepository(Repository repo) {
        this.repo = repo;
        this.workTree = repo.getWorkTree().toPath().toAbsolutePath().normalize();
    }

    /** The repository holding {@code start}, or an exception saying there is none. */
    public static GitRepository open(Path start) throws GitException {
        GitSystemConfigLocation.apply();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment();
        Path explicitWorkTree = GitEnvironment.applyTo(builder, System.getenv());
        if (builder.getGitDir() == null) {
            builder.findGitDir(start.toAbsolutePath().toFile());
        }
        if (builder.getGitDir() == null) {
            throw new GitException("not inside a git repository: " + start.toAbsolutePath()
                    + " (--changed, --staged and install-hook need one)");
        }
        Repository repo;
        try {
            repo = builder.setMustExist(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new GitException("cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
        if (explicitWorkTree != null && builder.getWorkTree() == null
                && repo.getConfig().getString("core", null, "worktree") == null) {
            // GIT_DIR without GIT_WORK_TREE or core.worktree: git takes the working directory as the work tree's top.
            repo.close();
            try {
                repo = builder.setWorkTree(explicitWorkTree.toFile()).build();
            } catch (IOException | IllegalArgumentException e) {
                throw new GitException("cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
            }
        }
        if (repo.isBare()) {
            repo.close();
            throw new GitException("the git repository at " + builder.getGitDir() + " has no work tree (bare)");
        }
        return new GitRepository(repo);
    }

    public Repository repository() {
        return repo;
    }

    public Path workTree() {
        return workTree;
    }

    /** Where git keeps what all worktrees share (hooks, objects, refs): the .git directory of the main worktree. */
    public Path commonDir() {
        File common = repo.getCommonDirectory();
        return (common != null ? common : repo.getDirectory()).toPath().toAbsolutePath().normalize();
    }

    /** The hooks directory git uses: {@code core.hooksPath} when set, else {@code hooks} in the common directory. */
    public Path hooksDir() {
        String configured = repo.getConfig().getString("core", null, "hooksPath");
        if (configured == null || configured.isBlank()) {
            return commonDir().resolve("hooks");
        }
        String p = configured.trim();
        if (p.equals("~") || p.startsWith("~/")) {
            p = System.getProperty("user.home") + p.substring(1);
        }
        Path path = Path.of(p);
        return (path.isAbsolute() ? path : workTree.resolve(path)).normalize();
    }

    /** True when this is a shallow clone: history stops at some commits whose parents were not fetched. */
    public boolean isShallow() {
        try {
            return !repo.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            return Files.exists(commonDir().resolve("shallow"));
        }
    }

    /**
     * The commit HEAD points at, or null on a branch with no commits yet. Read once: a run compares with one HEAD.
     */
    public RevCommit head() throws GitException {
        if (!headRead) {
            try (RevWalk walk = new RevWalk(repo)) {
                ObjectId id = repo.resolve(Constants.HEAD + "^{commit}");
                head = id == null ? null : walk.parseCommit(id);
                headRead = true;
            } catch (IOException e) {
                throw new GitException("cannot read HEAD: " + e.getMessage(), e);
            }
        }
        return head;
    }

    private RevCommit head;
    private boolean headRead;

    /**
     * The commit a change is measured against.
     *
     * @param label     how to name it in messages, e.g. {@code origin/main (merge base 1a2b3c4d)}
     * @param ref       the ref the user or CI named (resolved), e.g. {@code origin/main}
     * @param tip       the commit that ref points at
     * @param mergeBase the merge base of the tip and HEAD: what the change is compared with
     */
    public record Base(String label, String ref, RevCommit tip, RevCommit mergeBase) {}

    /**
     * Finds the base: {@code explicit} when given (also tried as {@code origin/<explicit>}), else the branch a CI
     * variable names ({@link #BASE_VARIABLES}, tried as {@code origin/<name>} then {@code <name>}), else the first of
     * {@link #DEFAULT_BASES} that exists; then the merge base of it and HEAD. Every failure says how to fix it, in
     * particular for the shallow clones CI checkouts make.
     */
    public Base base(String explicit, Map<String, String> env) throws GitException {
        RevCommit head = head();
        if (head == null) {
            throw new GitException("HEAD has no commits yet, so there is nothing to compare with; commit first, or lint paths");
        }
        List<String> tried = new ArrayList<>();
        String origin;
        if (explicit != null && !explicit.isBlank()) {
            tried.add(explicit);
            if (!explicit.startsWith("origin/") && !explicit.startsWith("refs/") && !looksLikeCommitId(explicit)) {
                tried.add("origin/" + explicit);
            }
            origin = "--base " + explicit;
        } else {
            origin = null;
            for (String var : BASE_VARIABLES) {
                String branch = env.get(var);
                if (branch != null && !branch.isBlank()) {
                    tried.add("origin/" + branch.trim());
                    tried.add(branch.trim());
                    origin = var + "=" + branch.trim();
                    break;
                }
            }
            if (origin == null) {
                tried.addAll(DEFAULT_BASES);
            }
        }
        try (RevWalk walk = new RevWalk(repo)) {
            String found = null;
            RevCommit tip = null;
            for (String name : tried) {
                if (name.equals("origin/HEAD") && origin == null && followsCurrentBranch(name)) {
                    continue;
                }
                try {
                    ObjectId id = repo.resolve(name + "^{commit}");
                    if (id != null) {
                        tip = walk.parseCommit(id);
                        found = name;
                        break;
                    }
                } catch (MissingObjectException e) {
                    throw new GitException("the base " + name + " points at commit " + e.getObjectId().abbreviate(8).name()
                            + ", which is not in this clone" + shallowHint(name), e);
                } catch (IOException | RuntimeException e) {
                    // An invalid name (e.g. 'a..b') is just not this base; try the next.
                }
            }
            if (tip == null) {
                throw new GitException(notFound(tried, origin), origin == null && !isShallow());
            }
            RevCommit mergeBase = mergeBase(tip, head, found);
            String label = found + (mergeBase.equals(tip) ? " (" + mergeBase.abbreviate(8).name() + ")"
                    : " (merge base " + mergeBase.abbreviate(8).name() + ")");
            return new Base(label, found, tip, mergeBase);
        }
    }

    /**
     * True when a remote's HEAD points at the branch being checked (a clone of a branch, or of a repository whose
     * checked-out branch is this one): it is then no base, and a change compared with it would look empty.
     */
    private boolean followsCurrentBranch(String remoteHead) {
        try {
            Ref ref = repo.exactRef("refs/remotes/" + remoteHead);
            String branch = branch();
            return ref == null || !ref.isSymbolic() || branch == null
                    || ref.getTarget().getName().equals("refs/remotes/origin/" + branch);
        } catch (IOException e) {
            return true;
        }
    }

    private RevCommit mergeBase(RevCommit tip, RevCommit head, String name) throws GitException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(tip));
            walk.markStart(walk.parseCommit(head));
            RevCommit base = walk.next();
            if (base == null) {
                if (isShallow()) {
                    throw new GitException("HEAD and " + name + " have no common ancestor in this shallow clone: the history"
                            + " is cut off before the point where the branch left " + name + "." + fetchHint(name));
                }
                throw new GitException("HEAD and " + name + " have no common ancestor (unrelated histories); pass --base"
                        + " with a commit of this history");
            }
            return walk.parseCommit(base);
        } catch (MissingObjectException e) {
            throw new GitException("cannot find the merge base of HEAD and " + name + ": commit "
                    + e.getObjectId().abbreviate(8).name() + " is not in this clone" + shallowHint(name), e);
        } catch (IOException e) {
            throw new GitException("cannot compute the merge base of HEAD and " + name + ": " + e.getMessage(), e);
        }
    }

    private String shallowHint(String name) {
        return (isShallow() ? " (it is a shallow clone)." : ".") + fetchHint(name);
    }

    private static String fetchHint(String name) {
        String branch = name.startsWith("origin/") ? name.substring("origin/".length()) : name;
        return " Fetch the full history: with actions/checkout set 'fetch-depth: 0'; elsewhere run"
                + " 'git fetch --unshallow origin' (or 'git fetch --deepen=200 origin " + branch + "').";
    }

    private String notFound(List<String> tried, String origin) {
        String shallow = isShallow() ? " (this is a shallow clone)" : "";
        if (origin == null) {
            return "cannot find a base branch to compare with: none of " + String.join(", ", tried) + " exists"
                    + shallow + ". Pass --base REF, or fetch the base branch: with actions/checkout set"
                    + " 'fetch-depth: 0'; elsewhere run 'git fetch origin main'.";
        }
        String branch = tried.get(tried.size() - 1);
        return "cannot find the base " + branch + " (from " + origin + "): tried " + String.join(", ", tried) + shallow
                + ". Fetch it: with actions/checkout set 'fetch-depth: 0'; elsewhere run 'git fetch origin "
                + (branch.startsWith("origin/") ? branch.substring(7) : branch) + "' before migralint.";
    }

    private static boolean looksLikeCommitId(String s) {
        return s.length() >= 7 && s.length() <= 40 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * The .sql files of a tree under the given directories (repository-relative, without a trailing slash; null for
     * the whole tree), outside skipped directories, path → blob id.
     */
    public Map<String, ObjectId> sqlFiles(RevTree tree, Collection<String> dirs) throws GitException {
        Map<String, ObjectId> out = new LinkedHashMap<>();
        if (tree == null || (dirs != null && dirs.isEmpty())) {
            return out;
        }
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            walk.setFilter(dirs == null ? SqlFilter.INSTANCE
                    : AndTreeFilter.create(PathFilterGroup.createFromStrings(dirs), SqlFilter.INSTANCE));
            while (walk.next()) {
                if (isFile(walk.getFileMode(0))) {
                    out.put(walk.getPathString(), walk.getObjectId(0));
                }
            }
        } catch (IOException e) {
            throw new GitException("cannot read tree " + tree.abbreviate(8).name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The .sql files of {@code tree} under {@code dirs}, from those of another tree ({@code known}, of
     * {@code knownTree}) and a walk over what differs between the two: subtrees with the same id in both are not read.
     * The same files, in the same order, as {@link #sqlFiles(RevTree, java.util.Collection)} of {@code tree}.
     */
    public Map<String, ObjectId> sqlFiles(RevTree tree, RevTree knownTree, Map<String, ObjectId> known,
                                          Collection<String> dirs) throws GitException {
        if (dirs != null && dirs.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<String, ObjectId> files = new HashMap<>(known);
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(tree);
            walk.addTree(knownTree);
            walk.setRecursive(true);
            TreeFilter sql = dirs == null ? SqlFilter.INSTANCE
                    : AndTreeFilter.create(PathFilterGroup.createFromStrings(dirs), SqlFilter.INSTANCE);
            walk.setFilter(AndTreeFilter.create(sql, TreeFilter.ANY_DIFF));
            while (walk.next()) {
                if (isFile(walk.getFileMode(0))) {
                    files.put(walk.getPathString(), walk.getObjectId(0));
                } else {
                    files.remove(walk.getPathString());
                }
            }
        } catch (IOException e) {
            throw new GitException("cannot read tree " + tree.abbreviate(8).name() + ": " + e.getMessage(), e);
        }
        return inGitOrder(files);
    }

    /** The files in git's order of full paths (the index's, and a tree walk's): by their UTF-8 bytes, unsigned. */
    static Map<String, ObjectId> inGitOrder(Map<String, ObjectId> files) {
        List<GitPath> paths = new ArrayList<>(files.size());
        for (String p : files.keySet()) {
            paths.add(new GitPath(p));
        }
        Collections.sort(paths);
        Map<String, ObjectId> out = new LinkedHashMap<>();
        for (GitPath p : paths) {
            out.put(p.path, files.get(p.path));
        }
        return out;
    }

    /** A path with its UTF-8 bytes, encoded once for the sort. */
    private static final class GitPath implements Comparable<GitPath> {
        final String path;
        final byte[] bytes;

        GitPath(String path) {
            this.path = path;
            this.bytes = path.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int compareTo(GitPath o) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }
    }

    /** Every staged .sql file (stage 0) outside skipped directories, path → blob id. */
    public Map<String, ObjectId> stagedSqlFiles() throws GitException {
        Map<String, ObjectId> out = new LinkedHashMap<>();
        DirCache index = readIndex();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            String path = e.getPathString();
            if (e.getStage() == 0 && isFile(e.getFileMode()) && SqlFilter.accepts(path)) {
                out.put(path, e.getObjectId());
            }
        }
        return out;
    }

    public DirCache readIndex() throws GitException {
        try {
            return repo.readDirCache();
        } catch (IOException e) {
            throw new GitException("cannot read the git index: " + e.getMessage(), e);
        }
    }

    static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    /** A blob's bytes, or null when it is larger than {@code max} (the caller reports it as too large). */
    public byte[] read(ObjectReader reader, ObjectId blob, long max) throws IOException {
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > max) {
            return null;
        }
        return loader.getCachedBytes((int) Math.min(Integer.MAX_VALUE - 16, max));
    }

    public long size(ObjectReader reader, ObjectId blob) throws IOException {
        return reader.getObjectSize(blob, Constants.OBJ_BLOB);
    }

    /** The short name of the branch HEAD is on, or null when detached. */
    public String branch() {
        try {
            Ref head = repo.exactRef(Constants.HEAD);
            return head != null && head.isSymbolic() ? Repository.shortenRefName(head.getTarget().getName()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What {@code Repository.close()} does for a repository JGit's repository cache does not hold, as none of these
     * is (they are built, not taken from the cache): close the object and ref databases. Asking the cache whether it
     * holds the repository sets the cache up, which starts a scheduler thread for its evictions.
     */
    @Override
    public void close() {
        repo.getObjectDatabase().close();
        repo.getRefDatabase().close();
    }

    /** Keeps .sql files and the directories that may hold them; skips what discovery skips (node_modules, ...). */
    static final class SqlFilter extends TreeFilter {
        static final SqlFilter INSTANCE = new SqlFilter();

        static boolean accepts(String path) {
            return FileCollector.isSql(path) && !FileCollector.inSkippedDir(path);
        }

        /** Whether a raw path ends in ".sql" in any case (only ASCII folds to it), without decoding it. */
        static boolean hasSqlSuffix(byte[] path) {
            int n = path.length;
            if (n >= 4 && path[n - 4] == '.' && (path[n - 3] | 0x20) == 's' && (path[n - 2] | 0x20) == 'q'
                    && (path[n - 1] | 0x20) == 'l') {
                return true;
            }
            // A dialect variant (.sql.postgres): its last dot comes within a dozen bytes of the end.
            for (int i = n - 1; i >= Math.max(0, n - 13); i--) {
                if (path[i] == '.') {
                    return i >= 4 && FileCollector.isSql(new String(path, Math.max(0, i - 4), n - Math.max(0, i - 4),
                            StandardCharsets.ISO_8859_1));
                }
            }
            return false;
        }

        @Override
        public boolean include(TreeWalk walker) {
            if (walker.isSubtree()) {
                return !FileCollector.SKIPPED_DIRS.contains(walker.getNameString());
            }
            // On the raw path: a walk meets every file of the history directories, and decoding each name to test
            // it cost the first walk of a pre-commit run milliseconds.
            return hasSqlSuffix(walker.getRawPath());
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }

        @Override
        public String toString() {
            return "SQL_FILES";
        }
    }
}
