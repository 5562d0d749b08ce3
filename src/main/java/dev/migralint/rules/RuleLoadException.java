package dev.migralint.rules;

/** A rule file that cannot be used, with where and why. */
public final class RuleLoadException extends Exception {
    private final String file;
    private final int line;

    public RuleLoadException(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** "file:line: message", the way compilers say it. */
    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + getMessage();
    }
}
