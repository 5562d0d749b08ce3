package dev.migralint.fix;

import dev.migralint.sql.Span;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 19 item 3: planning and mapping the fixes of a file of tens of thousands of statements is linear. The sizes
 * are such that the former quadratic code (List.contains and indexOf in a sort comparator; a walk over every edit per
 * mapped offset) needs minutes, the present code milliseconds; the limits leave room for a busy machine.
 */
class LinearFixTest {
    private static final int N = 200_000;

    private static List<Fix> fixes() {
        List<Fix> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int at = i * 10;
            out.add(new Fix("r", "w", List.of(Edit.insert(at, "X"), Edit.replace(new Span(at + 2, at + 4), "YY")),
                    true, "d", List.of()));
        }
        return out;
    }

    @Test
    void fixPlanningIsLinear() {
        List<Fix> fixes = fixes();
        List<Edit> ordered = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> FixPlanner.ordered(fixes));
        assertEquals(2 * N, ordered.size());
        for (int i = 1; i < ordered.size(); i++) {
            assertEquals(true, ordered.get(i - 1).span().start() <= ordered.get(i).span().start());
        }
    }

    @Test
    void editMapsAreLinear() {
        List<Edit> edits = FixPlanner.ordered(fixes());
        EditMap map = new EditMap(edits);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < N; i++) {
                int old = i * 10 + 5;
                // each earlier fix inserted one character ("X") and replaced two by two
                int now = map.toNew(old);
                assertEquals(old + i + 1, now);
                assertEquals(old, map.toOld(now, true));
            }
        });
        // Inside inserted text: strict gives -1, lenient the start of the replaced range.
        assertEquals(-1, map.toOld(0, true));
        assertEquals(0, map.toOld(0, false));
    }
}
