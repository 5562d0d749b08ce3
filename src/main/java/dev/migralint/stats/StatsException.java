package dev.migralint.stats;

/** A snapshot that cannot be read or written, or a database that cannot be read: a message for the user, no trace. */
public final class StatsException extends Exception {
    public StatsException(String message) {
        super(message);
    }
}
