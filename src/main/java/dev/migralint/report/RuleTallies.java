package dev.migralint.report;

import dev.migralint.config.Severity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Unsilenced findings counted by rule, for the summary that ends a text report (as {@code ruff --statistics} does).
 * Kept with each file's cached totals, so a run answered from the cache prints the same summary.
 */
public record RuleTallies(List<RuleTally> tallies) {
    public static final RuleTallies EMPTY = new RuleTallies(List.of());

    /**
     * @param severity the highest severity the rule's findings had
     * @param fixable  how many of them name a fix ({@code migralint fix} applies it, or says why not)
     */
    public record RuleTally(String rule, Severity severity, long count, long fixable) {}

    public RuleTallies {
        tallies = List.copyOf(tallies);
    }

    public RuleTallies plus(RuleTallies o) {
        if (o.tallies.isEmpty()) {
            return this;
        }
        if (tallies.isEmpty()) {
            return o;
        }
        Builder b = new Builder();
        b.addAll(this);
        b.addAll(o);
        return b.build();
    }

    public long fixable() {
        return tallies.stream().mapToLong(RuleTally::fixable).sum();
    }

    /** Errors first (what blocks a deploy), then most findings first, then by rule id. */
    public List<RuleTally> ranked() {
        List<RuleTally> out = new ArrayList<>(tallies);
        out.sort((a, b) -> a.severity() != b.severity() ? Integer.compare(rank(b.severity()), rank(a.severity()))
                : a.count() != b.count() ? Long.compare(b.count(), a.count())
                : a.rule().compareTo(b.rule()));
        return Collections.unmodifiableList(out);
    }

    private static int rank(Severity s) {
        return s == Severity.ERROR ? 2 : s == Severity.WARNING ? 1 : 0;
    }

    /** One line per rule: {@code rule severity count fixable}, tab-separated. */
    public byte[] encode() {
        StringBuilder b = new StringBuilder();
        for (RuleTally t : tallies) {
            b.append(t.rule()).append('\t').append(t.severity().id()).append('\t').append(t.count()).append('\t')
                    .append(t.fixable()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The tallies in these bytes, or null when they are not {@link #encode()}'s. */
    public static RuleTallies decode(byte[] bytes) {
        Builder b = new Builder();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length != 4) {
                return null;
            }
            Severity severity = Severity.parse(parts[1]).orElse(null);
            if (severity == null) {
                return null;
            }
            try {
                b.add(parts[0], severity, Long.parseLong(parts[2]), Long.parseLong(parts[3]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return b.build();
    }

    public static final class Builder {
        private final Map<String, long[]> counts = new TreeMap<>();
        private final Map<String, Severity> severities = new TreeMap<>();

        public void add(String rule, Severity severity, boolean fixable) {
            add(rule, severity, 1, fixable ? 1 : 0);
        }

        void add(String rule, Severity severity, long count, long fixable) {
            long[] c = counts.computeIfAbsent(rule, k -> new long[2]);
            c[0] += count;
            c[1] += fixable;
            severities.merge(rule, severity, (a, b) -> rank(a) >= rank(b) ? a : b);
        }

        void addAll(RuleTallies t) {
            for (RuleTally x : t.tallies()) {
                add(x.rule(), x.severity(), x.count(), x.fixable());
            }
        }

        public RuleTallies build() {
            if (counts.isEmpty()) {
                return EMPTY;
            }
            List<RuleTally> out = new ArrayList<>(counts.size());
            counts.forEach((rule, c) -> out.add(new RuleTally(rule, severities.get(rule), c[0], c[1])));
            return new RuleTallies(out);
        }
    }
}
