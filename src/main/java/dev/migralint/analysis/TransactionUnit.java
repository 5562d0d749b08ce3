package dev.migralint.analysis;

/**
 * A part of a file the runner runs as one unit: the whole file, or a section of it (goose's and dbmate's up and
 * down sections, a Liquibase changeset). Each unit is its own transaction, or runs without one.
 *
 * @param start         the unit's first character (0 for the file's first unit)
 * @param end           the character after its last
 * @param direction     {@code up}, {@code down} (a rollback: runs only when the migration is reverted) or
 *                      {@code verify} (Sqitch's verification scripts)
 * @param inTransaction the runner (or configuration) wraps the unit in a transaction
 * @param source        what decided it: a runner id, {@code config}, or {@code none}
 * @param assumption    one sentence saying why, for findings to quote
 */
public record TransactionUnit(int start, int end, String direction, boolean inTransaction, String source,
                              String assumption) {
}
