package dev.migralint.rules;

import dev.migralint.config.LocatedException;

/** A rule file that cannot be used, with where and why. */
public final class RuleLoadException extends LocatedException {
    public RuleLoadException(String file, int line, String message) {
        super(file, line, message);
    }
}
