package dev.migralint.fix;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How fixes are chosen.
 *
 * @param unsafe      also apply fixes marked unsafe (--unsafe-fixes)
 * @param lockTimeout the value set-lock-timeout writes (configuration key lock-timeout), e.g. 5s
 * @param onlyRules   fix only findings of these rules; empty for all
 * @param laterInHistory by a file's display path, the up operations of the later migrations of its history (what an
 *                    unsafe rewrite must not break)
 */
public record FixOptions(boolean unsafe, String lockTimeout, Set<String> onlyRules,
                         Function<String, List<LaterDependents.Later>> laterInHistory) {
    public static final String DEFAULT_LOCK_TIMEOUT = "5s";

    public FixOptions {
        lockTimeout = lockTimeout == null || lockTimeout.isBlank() ? DEFAULT_LOCK_TIMEOUT : lockTimeout.trim();
        onlyRules = onlyRules == null ? Set.of() : Set.copyOf(onlyRules);
        laterInHistory = laterInHistory == null ? path -> List.of() : laterInHistory;
    }

    public FixOptions(boolean unsafe, String lockTimeout, Set<String> onlyRules) {
        this(unsafe, lockTimeout, onlyRules, null);
    }

    public FixOptions withHistory(Function<String, List<LaterDependents.Later>> later) {
        return new FixOptions(unsafe, lockTimeout, onlyRules, later);
    }

    public static FixOptions defaults() {
        return new FixOptions(false, DEFAULT_LOCK_TIMEOUT, Set.of());
    }

    public FixOptions withUnsafe(boolean u) {
        return new FixOptions(u, lockTimeout, onlyRules, laterInHistory);
    }

    public FixOptions onlyRules(Set<String> ids) {
        return new FixOptions(unsafe, lockTimeout, ids, laterInHistory);
    }

    public boolean wants(String ruleId) {
        return onlyRules.isEmpty() || onlyRules.contains(ruleId);
    }
}
