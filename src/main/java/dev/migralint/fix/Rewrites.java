package dev.migralint.fix;

import dev.migralint.rules.FixSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The named rewrites, by the name rule files use. Every name in {@link FixSpec#KNOWN} has one. */
public final class Rewrites {
    private static final Rewrites BUILT_IN = new Rewrites(new AddIfNotExistsRewrite(), new AddIfExistsRewrite(),
            new AddConcurrentlyRewrite(), new SplitNotValidRewrite(), new SetLockTimeoutRewrite(), new CommentOutRewrite(),
            new ReplaceTypeRewrite(), new NotNullInStepsRewrite(), new NoTransactionRewrite());

    private final Map<String, Rewrite> byName;

    public Rewrites(Rewrite... rewrites) {
        Map<String, Rewrite> m = new LinkedHashMap<>();
        for (Rewrite r : rewrites) {
            m.put(r.name(), r);
        }
        this.byName = Collections.unmodifiableMap(m);
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
