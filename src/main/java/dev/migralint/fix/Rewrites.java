package dev.migralint.fix;

import dev.migralint.rules.FixSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named rewrites, by the name rule files use. The names are listed once, in {@link FixSpec#KNOWN} (rules load
 * without this stage); the built-in set is exactly that list, checked when this class loads.
 */
public final class Rewrites {
    private static final Rewrites BUILT_IN = builtInFor(FixSpec.KNOWN, new AddIfNotExistsRewrite(),
            new AddIfExistsRewrite(), new AddConcurrentlyRewrite(), new SplitNotValidRewrite(),
            new SetLockTimeoutRewrite(), new CommentOutRewrite(), new ReplaceTypeRewrite(), new NotNullInStepsRewrite(),
            new NoTransactionRewrite());

    private final Map<String, Rewrite> byName;

    public Rewrites(Rewrite... rewrites) {
        Map<String, Rewrite> m = new LinkedHashMap<>();
        for (Rewrite r : rewrites) {
            m.put(r.name(), r);
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** These rewrites, when their names are {@code names} in that order; else an error naming the difference. */
    static Rewrites builtInFor(List<String> names, Rewrite... rewrites) {
        Rewrites r = new Rewrites(rewrites);
        List<String> implemented = List.copyOf(r.byName.keySet());
        if (!implemented.equals(names) || rewrites.length != names.size()) {
            throw new IllegalStateException("the rewrites " + implemented + " are not the fixes rules may name " + names);
        }
        return r;
    }

    public static Rewrites builtIn() {
        return BUILT_IN;
    }

    public Rewrite get(String name) {
        return byName.get(name);
    }

    public Map<String, Rewrite> all() {
        return byName;
    }
}
