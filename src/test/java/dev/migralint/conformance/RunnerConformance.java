package dev.migralint.conformance;

import dev.migralint.PostgresCluster;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One runner's conformance run: compares what migralint predicts with what the runner did, case by case, and prints
 * one line for the runner when its test class ends (ran with its version and the verdict of each case, or skipped
 * and why).
 */
final class RunnerConformance {
    /** How Postgres refuses CONCURRENTLY in a transaction block. */
    static final Pattern IN_TRANSACTION_BLOCK = Pattern.compile("cannot run inside a transaction block");

    private final String runner;
    private String version;
    private String skipped;
    private final List<String> verdicts = new ArrayList<>();

    RunnerConformance(String runner) {
        this.runner = runner;
    }

    /** The shared PostgreSQL server; skips the class (and says so) when there is none. */
    PostgresCluster cluster() throws Exception {
        try {
            return PostgresCluster.sharedOrSkip();
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
            throw e;
        }
    }

    /** Skips the class unless the runner is there, naming what is missing. */
    void assumeInstalled(boolean installed, String missing) {
        if (!installed) {
            skipped = missing;
        }
        Assumptions.assumeTrue(installed, () -> runner + " not available: " + missing);
    }

    void ran(String version) {
        this.version = version;
    }

    /**
     * The runner failed on the CONCURRENTLY statement at {@code line} of {@code path} exactly when migralint reports
     * that it runs in a transaction. A failure for any other reason is a broken case, not a verdict.
     */
    synchronized void transaction(String name, Prediction p, String path, int line, RunnerOutcome outcome,
                                  Pattern transactionFailure) {
        boolean predicted = p.concurrentlyInTransaction(path, line);
        boolean failed = !outcome.ok();
        assertTrue(!failed || transactionFailure.matcher(outcome.log()).find(),
                () -> runner + " " + name + ": the runner failed for another reason than a transaction:\n" + outcome.log());
        String verdict = predicted == failed ? "agrees" : "disagrees: migralint "
                + (predicted ? "reports " + Prediction.CONCURRENTLY_IN_TRANSACTION : "reports no transaction")
                + " (" + p.about(path) + "), " + runner + (failed ? " failed: " + outcome.failureLine() : " ran it");
        verdicts.add(name + " " + verdict);
        assertEquals(failed, predicted, () -> runner + " " + name + ": migralint " + verdict + "\nrunner log:\n"
                + outcome.log());
    }

    /**
     * migralint classifies the statement at {@code line} of {@code path} as {@code expected} (the runner has just
     * shown that it runs that part only in that direction).
     */
    synchronized void direction(String name, Prediction p, String path, int line, String expected) {
        String actual = p.direction(path, line);
        String verdict = expected.equals(actual) ? "agrees" : "disagrees: migralint gives line " + line + " of " + path
                + (actual == null ? " no direction (findings there: " + p.rulesOn(path, line) + ")" : " direction " + actual)
                + ", the runner runs it only on " + (expected.equals("down") ? "rollback" : "migrate");
        verdicts.add(name + " " + verdict);
        assertEquals(expected, actual, () -> runner + " " + name + ": " + verdict + " (" + p.about(path) + ")");
    }

    /** A fact about the runner that these tests can check, with no migralint prediction to compare. */
    synchronized void observed(String name, String what) {
        verdicts.add(name + " observed: " + what);
    }

    void print() {
        String line;
        if (skipped != null) {
            line = "conformance: " + runner + " SKIPPED: " + skipped;
        } else if (version == null) {
            line = "conformance: " + runner + " did not run";
        } else {
            long cases = verdicts.stream().filter(v -> !v.contains(" observed: ")).count();
            line = "conformance: " + runner + " " + version + " ran " + cases + " cases: " + String.join("; ", verdicts);
        }
        System.out.println(line);
    }
}
