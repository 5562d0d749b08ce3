package dev.migralint.verify;

/** A verification that cannot start or go on (no server, an unreachable database): a message for the user, exit 2. */
public final class VerifyException extends Exception {
    private static final long serialVersionUID = 1L;

    public VerifyException(String message) {
        super(message);
    }
}
