package dev.migralint.workspace;

import java.nio.file.Path;

/**
 * Where migralint keeps what it remembers between runs (result cache, git's system configuration location; the
 * launcher keeps its start-up archives there too): the system property {@code migralint.cache.dir} ("off": nowhere),
 * else {@code $MIGRALINT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/migralint}, else {@code ~/.cache/migralint}.
 */
public final class UserCacheDirectory {
    private UserCacheDirectory() {
    }

    /** The directory, or null when it is turned off or cannot be found. */
    public static Path locate() {
        String property = System.getProperty("migralint.cache.dir");
        if (property != null && !property.isBlank()) {
            return property.equals("off") ? null : Path.of(property);
        }
        String own = System.getenv("MIGRALINT_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "migralint");
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return null;
        }
        return Path.of(home, ".cache", "migralint");
    }
}
