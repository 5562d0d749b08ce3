package dev.migralint.verify;

/**
 * The rollback check of one changed migration.
 *
 * @param down    the down migration (a file, or "path (down section)"), or null when there is none
 * @param outcome {@code restored}, {@code differs}, {@code fails}, {@code no-down} or {@code skipped}
 * @param detail  the difference, the server error, or why it was skipped
 */
public record RollbackOutcome(String path, String down, String outcome, String detail) {
}
