package dev.migralint.workspace;

/** A git repository problem the user can fix (no repository, a missing base, a shallow clone), said in words. */
public final class GitException extends Exception {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }

    public GitException(String message, boolean noDefaultBase) {
        super(message);
        this.noDefaultBase = noDefaultBase;
    }

    private boolean noDefaultBase;

    /** True when no --base or CI variable named a base and none of the default branches exists (in a full clone). */
    public boolean noDefaultBase() {
        return noDefaultBase;
    }
}
