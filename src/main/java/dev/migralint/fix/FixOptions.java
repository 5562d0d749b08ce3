package dev.migralint.fix;

import java.util.Set;

/**
 * How fixes are chosen.
 *
 * @param unsafe      also apply fixes marked unsafe (--unsafe-fixes)
 * @param lockTimeout the value set-lock-timeout writes (configuration key lock-timeout), e.g. 5s
 * @param onlyRules   fix only findings of these rules; empty for all
 * @param history     each file's place in its history: the later migrations (what an unsafe rewrite must not break)
 *                    and the indexes the earlier ones left
 */
public record FixOptions(boolean unsafe, String lockTimeout, Set<String> onlyRules, LaterInHistory history) {
    public static final String DEFAULT_LOCK_TIMEOUT = "5s";

    public FixOptions {
        lockTimeout = lockTimeout == null || lockTimeout.isBlank() ? DEFAULT_LOCK_TIMEOUT : lockTimeout.trim();
        onlyRules = onlyRules == null ? Set.of() : Set.copyOf(onlyRules);
        history = history == null ? LaterInHistory.NONE : history;
    }

    public FixOptions(boolean unsafe, String lockTimeout, Set<String> onlyRules) {
        this(unsafe, lockTimeout, onlyRules, null);
    }

    public FixOptions withHistory(LaterInHistory h) {
        return new FixOptions(unsafe, lockTimeout, onlyRules, h);
    }

    public static FixOptions defaults() {
        return new FixOptions(false, DEFAULT_LOCK_TIMEOUT, Set.of());
    }

    public FixOptions withUnsafe(boolean u) {
        return new FixOptions(u, lockTimeout, onlyRules, history);
    }

    public FixOptions onlyRules(Set<String> ids) {
        return new FixOptions(unsafe, lockTimeout, ids, history);
    }

    public boolean wants(String ruleId) {
        return onlyRules.isEmpty() || onlyRules.contains(ruleId);
    }
}
