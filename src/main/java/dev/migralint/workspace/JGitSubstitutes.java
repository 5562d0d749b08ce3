package dev.migralint.workspace;

import java.security.MessageDigest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What two of JGit's classes call instead of their own start-up work, once the build has rewritten them in the jar
 * (src/build/java/dev/migralint/build/JGitStartUpPatch.java). Both spare a pre-commit run work on the git thread
 * that nothing uses: 8 ms of such a run's wall time, 13 ms of its CPU (bench/README.md). Run from classes or from a
 * jar built without the rewrite, JGit is unchanged and nothing calls these.
 */
public final class JGitSubstitutes {
    private JGitSubstitutes() {
    }

    /** For {@code Constants.newMessageDigest()}: SHA-1 without the JDK's security providers ({@link Sha1Digest}). */
    public static MessageDigest sha1() {
        return new Sha1Digest();
    }

    private static volatile DateTimeFormatter snapshotFormat;

    /**
     * For {@code FileSnapshot}'s date formatter: built on first use, not when the class initialises. It formats
     * timestamps for debug logging and {@code toString} only, and building it first sets up the JDK's formatter
     * classes and the default time zone (7-11 ms in a cold JVM). The same formatter JGit builds.
     */
    public static DateTimeFormatter fileSnapshotFormat(String pattern) {
        DateTimeFormatter f = snapshotFormat;
        if (f == null) {
            f = DateTimeFormatter.ofPattern(pattern).withLocale(Locale.getDefault()).withZone(ZoneId.systemDefault());
            snapshotFormat = f;
        }
        return f;
    }
}
