package dev.migralint.engine;

/** A mistake in how migralint was called or configured: exit code 2 with this message. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
