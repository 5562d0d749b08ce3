package dev.migralint.workspace;

import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.nio.file.Path;
import java.util.Map;

/**
 * GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE read as git reads them: relative to the working directory (git sets a
 * relative GIT_DIR=.git for hooks), and with GIT_DIR but neither GIT_WORK_TREE nor core.worktree, the working
 * directory is the top of the work tree.
 */
public final class GitEnvironment {
    private GitEnvironment() {
    }

    private static Path cwd() {
        return Path.of("").toAbsolutePath();
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /**
     * Sets the builder's git directory, work tree and index from the environment, made absolute. Returns the working
     * directory when GIT_DIR is set without GIT_WORK_TREE (the work tree unless core.worktree says otherwise), else
     * null.
     */
    static Path applyTo(FileRepositoryBuilder builder, Map<String, String> env) {
        String dir = get(env, "GIT_DIR");
        if (dir == null) {
            return null;
        }
        Path cwd = cwd();
        builder.setGitDir(cwd.resolve(dir).normalize().toFile());
        String index = get(env, "GIT_INDEX_FILE");
        if (index != null) {
            builder.setIndexFile(cwd.resolve(index).normalize().toFile());
        }
        String tree = get(env, "GIT_WORK_TREE");
        if (tree != null) {
            builder.setWorkTree(cwd.resolve(tree).normalize().toFile());
            return null;
        }
        builder.setWorkTree(null);
        return cwd;
    }

    /**
     * The work tree the environment names when the working directory may lie outside it (GIT_DIR with
     * GIT_WORK_TREE), so that configuration and migrations are looked for there; else null.
     */
    public static Path workTree(Map<String, String> env) {
        String dir = get(env, "GIT_DIR");
        String tree = get(env, "GIT_WORK_TREE");
        if (dir == null || tree == null) {
            return null;
        }
        return cwd().resolve(tree).normalize();
    }
}
