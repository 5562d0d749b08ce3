package dev.migralint.verify;

/**
 * A problem the real server showed: {@code lock-model-mismatch}, {@code rollback-does-not-restore},
 * {@code rollback-fails}, {@code migration-fails-on-server}, {@code base-history-fails}, {@code rows-not-generated}.
 *
 * @param severity error, warning or notice
 */
public record VerifyFinding(String ruleId, String severity, String path, int line, String message) {
    public static final String MISMATCH = "lock-model-mismatch";
    public static final String NOT_RESTORED = "rollback-does-not-restore";
    public static final String ROLLBACK_FAILS = "rollback-fails";
    public static final String FAILS = "migration-fails-on-server";
    public static final String BASE_FAILS = "base-history-fails";
    public static final String ROWS_NOT_GENERATED = "rows-not-generated";
    /** Every id verify reports; each has a {@code rules/<id>.yml} of {@code set: verify} for explain and the docs. */
    public static final java.util.List<String> IDS = java.util.List.of(MISMATCH, NOT_RESTORED, ROLLBACK_FAILS, FAILS,
            BASE_FAILS, ROWS_NOT_GENERATED);
}
