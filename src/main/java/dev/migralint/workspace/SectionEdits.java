package dev.migralint.workspace;

import dev.migralint.workspace.RunnerDescriptor.Section;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an edit of a file did to the migrations inside it, for a runner whose sections are migrations of their own
 * (Liquibase's changesets, each recorded by id, author and file): which sections the base held were edited or removed,
 * and whether the runner refuses those edits. Sections the edit adds are new migrations, not edits; a section whose
 * marker line asks the runner to run it again when it changes (runOnChange:true) is meant to be edited.
 *
 * <p>Sections are matched by the first word after the marker (Liquibase's {@code author:id}) and compared without
 * white space (Liquibase's checksum ignores it, as it ignores the marker line's attributes and the rollback lines).
 *
 * @param edited      base sections whose text changed and that the runner neither runs again nor accepts
 * @param accepted    base sections whose text changed under a line that makes the runner accept it (they drift)
 * @param removed     base sections the new text no longer has (the runner leaves them applied: they drift)
 * @param rerun       base sections whose text changed and that the runner runs again
 * @param lines       lines of the base's sections that the edit changed or removed
 * @param firstLine   the new text's first line that belongs to such a section (or follows a removed one), 0 when none
 */
public record SectionEdits(List<String> edited, List<String> accepted, List<String> removed, List<String> rerun,
                           int lines, int firstLine) {
    public SectionEdits {
        edited = List.copyOf(edited);
        accepted = List.copyOf(accepted);
        removed = List.copyOf(removed);
        rerun = List.copyOf(rerun);
    }

    /** Whether any migration the base held changed in a way the runner does not mean to apply. */
    public boolean touchesApplied() {
        return !edited.isEmpty() || !accepted.isEmpty() || !removed.isEmpty();
    }

    /** Whether the runner stops the next deploy over these edits (an edited section it neither reruns nor accepts). */
    public boolean refused() {
        return !edited.isEmpty();
    }

    /** The edits of the runner's migration sections, or null when its sections are not migrations of their own. */
    public static SectionEdits of(RunnerDescriptor runner, String baseText, String newText) {
        if (runner == null || baseText == null || newText == null) {
            return null;
        }
        Section migration = null;
        for (Section s : runner.sections()) {
            if (s.migration()) {
                migration = s;
            }
        }
        if (migration == null) {
            return null;
        }
        Map<String, Part> before = parts(runner, migration, baseText);
        Map<String, Part> after = parts(runner, migration, newText);
        List<String> edited = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> rerun = new ArrayList<>();
        int lines = 0;
        int first = 0;
        for (Part old : before.values()) {
            Part now = after.get(old.id);
            if (now == null) {
                removed.add(old.id);
                lines += old.lineCount;
                first = min(first, nextStart(after, old, newText));
                continue;
            }
            if (now.body.equals(old.body)) {
                continue;
            }
            if (now.reruns) {
                rerun.add(old.id);
                continue;
            }
            (now.accepted ? accepted : edited).add(old.id);
            ChangedLines changed = ChangedLines.between(old.text, now.text);
            lines += Math.max(1, changed.count() + changed.removed());
            // The section's text starts on the line after its marker.
            first = min(first, now.startLine + Math.max(1, changed.first()));
        }
        return new SectionEdits(edited, accepted, removed, rerun, lines, first);
    }

    private static int min(int a, int b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    /** Where a removed section would have been in the new text: the start of the next section both texts hold. */
    private static int nextStart(Map<String, Part> after, Part removed, String newText) {
        int best = 0;
        for (Part p : after.values()) {
            if (p.baseOrder > removed.baseOrder && (best == 0 || p.startLine < best)) {
                best = p.startLine;
            }
        }
        return best != 0 ? best : Math.max(1, (int) newText.lines().count());
    }

    /** One section: its id, its text without white space, and where it is. */
    private static final class Part {
        final String id;
        final String text;
        final String body;
        final boolean reruns;
        final boolean accepted;
        final int startLine;
        final int lineCount;
        int baseOrder;

        Part(String id, String text, String body, boolean reruns, boolean accepted, int startLine, int lineCount) {
            this.id = id;
            this.text = text;
            this.body = body;
            this.reruns = reruns;
            this.accepted = accepted;
            this.startLine = startLine;
            this.lineCount = lineCount;
        }
    }

    /** The migration sections of a text by id, in order; lines of other (inline, rollback) markers are left out. */
    private static Map<String, Part> parts(RunnerDescriptor runner, Section migration, String text) {
        Map<String, Part> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        String markerKey = migration.markerKey();
        String acceptedKey = migration.editAccepted() == null ? null : RunnerLoader.comment(migration.editAccepted());
        List<String> rerunKeys = new ArrayList<>();
        for (String r : migration.rerunsOnChange()) {
            rerunKeys.add(RunnerLoader.comment(r));
        }
        int i = 0;
        int order = 0;
        while (i < lines.length) {
            String key = RunnerLoader.comment(lines[i]);
            if (!key.startsWith(markerKey)) {
                i++;
                continue;
            }
            int start = i;
            String id = firstWordAfterMarker(lines[i], migration.marker());
            boolean reruns = false;
            for (String r : rerunKeys) {
                reruns |= key.contains(r);
            }
            StringBuilder raw = new StringBuilder();
            StringBuilder body = new StringBuilder();
            boolean accepted = false;
            i++;
            while (i < lines.length && !startsSection(runner, RunnerLoader.comment(lines[i]), true)) {
                String k = RunnerLoader.comment(lines[i]);
                raw.append(lines[i]).append('\n');
                if (acceptedKey != null && k.startsWith(acceptedKey)) {
                    accepted = true;
                } else if (!startsSection(runner, k, false)) {
                    body.append(lines[i].replaceAll("\\s+", ""));
                }
                i++;
            }
            Part p = new Part(id, raw.toString(), body.toString(), reruns, accepted, start + 1, i - start);
            p.baseOrder = order++;
            // A repeated id is Liquibase's error to report; the first one stands for it here.
            out.putIfAbsent(id, p);
        }
        return out;
    }

    /** Whether a line starts a section: a non-inline marker ({@code blocks}), or an inline one (rollback lines). */
    private static boolean startsSection(RunnerDescriptor runner, String key, boolean blocks) {
        for (Section s : runner.sections()) {
            if (s.inline() != blocks && key.startsWith(s.markerKey())) {
                return true;
            }
        }
        return false;
    }

    /** {@code --changeset ann:3 runOnChange:true} gives {@code ann:3}; markers compare without case and spaces. */
    static String firstWordAfterMarker(String line, String marker) {
        String m = marker.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        int matched = 0;
        int at = 0;
        while (at < line.length() && matched < m.length()) {
            char c = line.charAt(at++);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (Character.toLowerCase(c) != m.charAt(matched++)) {
                return line.trim();
            }
        }
        String rest = line.substring(at).trim();
        int space = 0;
        while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) {
            space++;
        }
        return rest.substring(0, space);
    }
}
