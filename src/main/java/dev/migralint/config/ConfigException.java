package dev.migralint.config;

/** A configuration or YAML problem, with the file and line it is in. */
public final class ConfigException extends LocatedException {
    public ConfigException(String file, int line, String message) {
        super(file, line, message);
    }
}
