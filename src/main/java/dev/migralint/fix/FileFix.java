package dev.migralint.fix;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of fixing one file in memory.
 *
 * @param path     the file on disk (null for text that did not come from a file)
 * @param original the text as read (without BOM)
 * @param fixed    the text after all applied fixes (equal to original when nothing applied)
 * @param outcomes every finding that names a fix: fixed, unsafe (held back) or unavailable, with positions in the
 *                 original text
 * @param rounds   how many planning rounds ran (a fix left out for overlapping another is applied in the next)
 * @param maps     the edits of each round that applied fixes, in order
 */
public record FileFix(Path path, String displayPath, String original, String fixed, boolean hadBom,
                      List<FixOutcome> outcomes, int rounds, List<EditMap> maps) {
    public FileFix {
        outcomes = List.copyOf(outcomes);
        maps = List.copyOf(maps);
    }

    /** Where an offset of the original text is in the fixed text. */
    public int toFixed(int originalOffset) {
        int p = originalOffset;
        for (EditMap m : maps) {
            p = m.toNew(p);
        }
        return p;
    }

    public boolean changed() {
        return !original.equals(fixed);
    }

    public long fixedCount() {
        return outcomes.stream().filter(FixOutcome::isFixed).count();
    }
}
