package dev.migralint.config;

/** A configuration or YAML problem, with the file and line it is in. */
public final class ConfigException extends Exception {
    private final String file;
    private final int line;

    public ConfigException(String file, int line, String message) {
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

    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + getMessage();
    }
}
