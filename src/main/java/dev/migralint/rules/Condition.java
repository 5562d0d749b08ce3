package dev.migralint.rules;

import java.util.List;
import java.util.function.Function;

/** A rule's {@code where}: fact tests combined with all/any. */
public sealed interface Condition {
    boolean test(Function<String, Object> facts);

    record FactIs(String fact, ValueTest test) implements Condition {
        @Override
        public boolean test(Function<String, Object> facts) {
            return test.test(facts.apply(fact));
        }
    }

    record All(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Function<String, Object> facts) {
            for (Condition c : parts) {
                if (!c.test(facts)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Function<String, Object> facts) {
            for (Condition c : parts) {
                if (c.test(facts)) {
                    return true;
                }
            }
            return false;
        }
    }

    record NotAll(Condition inner) implements Condition {
        @Override
        public boolean test(Function<String, Object> facts) {
            return !inner.test(facts);
        }
    }
}
