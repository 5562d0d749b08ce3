package dev.migralint.rules;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A test on one fact's value, as written in a rule's {@code where}. */
public sealed interface ValueTest {
    boolean test(Object value);

    /** Equal to a literal. Strings compare without case; a list fact holds when any element is equal. */
    record Equals(Object expected) implements ValueTest {
        @Override
        public boolean test(Object value) {
            return equal(expected, value);
        }

        // Loops, not streams: every operation of a run goes through these tests.
        static boolean equal(Object expected, Object value) {
            if (value instanceof List<?> list && !(expected instanceof List<?>)) {
                for (Object element : list) {
                    if (equal(expected, element)) {
                        return true;
                    }
                }
                return false;
            }
            if (expected == null || value == null) {
                return expected == value;
            }
            if (expected instanceof Number a && value instanceof Number b) {
                return a.doubleValue() == b.doubleValue();
            }
            if (expected instanceof Boolean || value instanceof Boolean) {
                return Objects.equals(expected, value);
            }
            return expected.toString().equalsIgnoreCase(value.toString());
        }
    }

    record In(List<Object> options) implements ValueTest {
        @Override
        public boolean test(Object value) {
            for (Object option : options) {
                if (Equals.equal(option, value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A regular expression that must be found in the value's text (use ^...$ to anchor). Compiled on first use: a
     * run loads every rule, and most never see an operation their pattern would test. Patterns of rule files users
     * write run on RE2/J, in time linear in the value ({@code (.*a){14}$} cannot hang a run); the bundled rules'
     * reviewed patterns keep java.util.regex, so a run whose rules use no user pattern never loads RE2/J.
     */
    final class Matches implements ValueTest {
        private final String regex;
        private final int flags;
        private final boolean linear;
        private volatile Pattern pattern;
        private volatile com.google.re2j.Pattern linearPattern;

        public Matches(String regex, int flags) {
            this(regex, flags, false);
        }

        public Matches(String regex, int flags, boolean linear) {
            this.regex = Objects.requireNonNull(regex);
            this.flags = flags;
            this.linear = linear;
        }

        /** From a compiled pattern (which a rule file's loader has checked). */
        public Matches(Pattern pattern) {
            this(pattern.pattern(), pattern.flags());
            this.pattern = pattern;
        }

        /** A user-supplied pattern, compiled (and so checked) by RE2/J: throws its PatternSyntaxException. */
        public static Matches linear(String regex) {
            Matches m = new Matches(regex, 0, true);
            m.linearPattern = com.google.re2j.Pattern.compile(regex);
            return m;
        }

        public boolean linear() {
            return linear;
        }

        public Pattern pattern() {
            Pattern p = pattern;
            if (p == null) {
                p = Pattern.compile(regex, flags);
                pattern = p;
            }
            return p;
        }

        private boolean find(String s) {
            if (!linear) {
                return pattern().matcher(s).find();
            }
            com.google.re2j.Pattern p = linearPattern;
            if (p == null) {
                p = com.google.re2j.Pattern.compile(regex);
                linearPattern = p;
            }
            return p.matcher(s).find();
        }

        public String regex() {
            return regex;
        }

        public int flags() {
            return flags;
        }

        @Override
        public boolean test(Object value) {
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (test(element)) {
                        return true;
                    }
                }
                return false;
            }
            return value != null && find(value.toString());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Matches m && regex.equals(m.regex) && flags == m.flags;
        }

        @Override
        public int hashCode() {
            return regex.hashCode() * 31 + flags;
        }

        @Override
        public String toString() {
            return "Matches[" + regex + ", flags=" + flags + "]";
        }
    }

    record Not(ValueTest inner) implements ValueTest {
        @Override
        public boolean test(Object value) {
            return !inner.test(value);
        }
    }

    /** Numeric comparison: lt, le, gt, ge. A missing or non-numeric value never holds. */
    record Compare(String op, double bound) implements ValueTest {
        @Override
        public boolean test(Object value) {
            double v;
            if (value instanceof Number n) {
                v = n.doubleValue();
            } else if (value instanceof String s) {
                try {
                    v = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return false;
                }
            } else {
                return false;
            }
            return switch (op.toLowerCase(Locale.ROOT)) {
                case "lt" -> v < bound;
                case "le" -> v <= bound;
                case "gt" -> v > bound;
                case "ge" -> v >= bound;
                default -> false;
            };
        }
    }
}
