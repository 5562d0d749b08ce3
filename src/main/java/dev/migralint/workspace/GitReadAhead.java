package dev.migralint.workspace;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The git side of a {@code --staged} or {@code --changed} selection, started on a background thread before the
 * configuration and rules are loaded: opening the repository (mostly JGit's one-time initialisation), reading HEAD,
 * the base, the diff and the history trees. None of it depends on the configuration, so a pre-commit hook's run
 * overlaps the two instead of waiting for git. {@link GitSelector#select} takes the result when it was started for
 * the same directory and options, and reads git itself otherwise.
 */
public final class GitReadAhead {
    /** A repository opened and its change read, or the failure to report. */
    record Read(GitRepository repo, GitSelector.Change change, GitException failure) {}

    /** A read started for one directory and options. */
    private record Started(Path cwd, GitSelector.Options options, FutureTask<Read> task) {
        Read get() throws GitException {
            task.run(); // a no-op once the background thread has started it; else it runs here
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitException("interrupted while reading the git repository", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof GitException g) {
                    throw g; // opening failed: its own message, as a run without the read ahead gives it
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new GitException("cannot read the git repository: " + cause, cause);
            }
        }
    }

    /** The read a run started and has not taken yet: one per run (the CLI starts at most one). */
    private static final AtomicReference<Started> STARTED = new AtomicReference<>();

    private GitReadAhead() {
    }

    /** Starts reading; errors are kept for {@link GitSelector#select} to report. */
    public static void start(Path cwd, GitSelector.Options options) {
        Path key = cwd.toAbsolutePath().normalize();
        FutureTask<Read> task = new ClosingWhenCancelled(() -> {
            GitRepository repo = GitRepository.open(cwd);
            try {
                return new Read(repo, GitSelector.change(repo, options), null);
            } catch (GitException e) {
                return new Read(repo, null, e);
            } catch (RuntimeException | Error e) {
                repo.close();
                throw e;
            }
        });
        Started previous = STARTED.getAndSet(new Started(key, options, task));
        if (previous != null) {
            discard(previous);
        }
        Thread t = new Thread(task, "migralint-git");
        t.setDaemon(true);
        t.start();
    }

    /** Closes what a run started and did not take (it failed before selecting its files). */
    public static void discard() {
        Started started = STARTED.getAndSet(null);
        if (started != null) {
            discard(started);
        }
    }

    /** Without waiting: a run that failed early should not wait for git; a read still going closes its own repository. */
    private static void discard(Started started) {
        if (started.task().cancel(false)) {
            return;
        }
        try {
            started.task().get().repo().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // nothing was opened
        }
    }

    /** The read started for this directory and options (waiting for it to finish), or null when none was. */
    static Read take(Path cwd, GitSelector.Options options) throws GitException {
        Started started = STARTED.get();
        Path key = cwd.toAbsolutePath().normalize();
        if (started != null && started.cwd().equals(key) && same(started.options(), options)
                && STARTED.compareAndSet(started, null)) {
            return started.get();
        }
        return null;
    }

    /** Options.equals spelled out: a record's own equals is bootstrapped at run time, a start-up cost for one call. */
    private static boolean same(GitSelector.Options a, GitSelector.Options b) {
        return a.mode() == b.mode() && a.includeUncommitted() == b.includeUncommitted()
                && Objects.equals(a.baseRef(), b.baseRef()) && Objects.equals(a.env(), b.env());
    }

    /** A read that closes the repository it opened when it was cancelled (discarded) while it ran. */
    private static final class ClosingWhenCancelled extends FutureTask<Read> {
        ClosingWhenCancelled(Callable<Read> read) {
            super(read);
        }

        @Override
        protected void set(Read read) {
            super.set(read); // a no-op once cancelled
            if (isCancelled() && read != null) {
                read.repo().close();
            }
        }
    }
}
