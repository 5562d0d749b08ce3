package dev.migralint.fix;

import dev.migralint.rules.Finding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the ignore comments a fix's own statements need: a rewrite names the rules it expects on what it adds (the
 * DROP of its temporary constraint) and why they are safe there; after linting the result, each such finding gets a
 * {@code -- migralint-ignore rule: reason} line inside the fix's inserted text, and a rule that does not fire gets
 * none (an ignore that silences nothing is itself a finding).
 */
final class ToleratedFindings {
    private ToleratedFindings() {
    }

    /** The fixes with the ignores written in, or null when no tolerated rule fired on an added statement. */
    static List<Fix> withIgnores(List<Fix> fixes, List<Finding> after, String next, String newline) {
        if (fixes.stream().allMatch(f -> f.tolerated().isEmpty())) {
            return null;
        }
        Map<Edit, Fix> owner = new HashMap<>();
        for (Fix f : fixes) {
            for (Edit e : f.edits()) {
                owner.putIfAbsent(e, f);
            }
        }
        List<Edit> ordered = FixPlanner.ordered(fixes);
        int[] newStart = new int[ordered.size()];
        int delta = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Edit e = ordered.get(i);
            newStart[i] = e.span().start() + delta;
            delta += e.replacement().length() - e.span().length();
        }
        // edit -> (offset in its replacement -> ignore lines to insert there)
        Map<Edit, TreeMap<Integer, StringBuilder>> inserts = new IdentityHashMap<>();
        for (Finding g : after) {
            if (g.suppressed()) {
                continue;
            }
            int at = Math.min(Math.max(0, g.statementSpan().start()), next.length());
            int lineStart = at;
            while (lineStart > 0 && next.charAt(lineStart - 1) != '\n' && next.charAt(lineStart - 1) != '\r') {
                lineStart--;
            }
            for (int i = 0; i < ordered.size(); i++) {
                Edit e = ordered.get(i);
                int k = lineStart - newStart[i];
                String r = e.replacement();
                if (k <= 0 || k >= r.length() || (r.charAt(k - 1) != '\n' && r.charAt(k - 1) != '\r')) {
                    continue;
                }
                Fix f = owner.get(e);
                String reason = f == null ? null : f.tolerated().get(g.ruleId());
                if (reason == null) {
                    continue;
                }
                int indentEnd = k;
                while (indentEnd < r.length() && (r.charAt(indentEnd) == ' ' || r.charAt(indentEnd) == '\t')) {
                    indentEnd++;
                }
                String line = r.substring(k, indentEnd) + "-- migralint-ignore " + g.ruleId() + ": " + reason + newline;
                StringBuilder b = inserts.computeIfAbsent(e, x -> new TreeMap<>())
                        .computeIfAbsent(k, x -> new StringBuilder());
                if (b.indexOf(line) < 0) {
                    b.append(line);
                }
            }
        }
        if (inserts.isEmpty()) {
            return null;
        }
        List<Fix> out = new ArrayList<>();
        for (Fix f : fixes) {
            List<Edit> edits = new ArrayList<>();
            boolean changed = false;
            for (Edit e : f.edits()) {
                TreeMap<Integer, StringBuilder> at = inserts.get(e);
                if (at == null) {
                    edits.add(e);
                    continue;
                }
                StringBuilder r = new StringBuilder(e.replacement());
                for (Map.Entry<Integer, StringBuilder> x : at.descendingMap().entrySet()) {
                    r.insert(x.getKey(), x.getValue());
                }
                edits.add(new Edit(e.span(), r.toString()));
                changed = true;
            }
            out.add(changed ? f.withEdits(edits) : f);
        }
        return out;
    }
}
