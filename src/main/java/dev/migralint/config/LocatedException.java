package dev.migralint.config;

/** A problem in a file users write, with the file and line it is on. */
public abstract class LocatedException extends Exception {
    private final String file;
    private final int line;

    protected LocatedException(String file, int line, String message) {
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

    /** "file:line: message", the way compilers say it, on one printable line (it echoes keys and values). */
    public String describe() {
        return Printable.of(file + (line > 0 ? ":" + line : "") + ": " + getMessage());
    }
}
