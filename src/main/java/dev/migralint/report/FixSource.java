package dev.migralint.report;

import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;

import java.util.List;

/**
 * Where reports get the fixes they show (SARIF {@code fixes}, reviewdog suggestions). The fix stage provides the real
 * one; {@link #NONE} offers nothing.
 */
@FunctionalInterface
public interface FixSource {
    FixSource NONE = file -> (finding -> List.of());

    /** Plans the fixes of one file once; the returned lookup answers per finding. Never throws for bad input. */
    PerFile forFile(FileResult file);

    /**
     * The source's fixes for one file, guarded: a file that was not analysed gets none, and a fixer that throws costs
     * the suggestions, never the report.
     */
    static PerFile guarded(FixSource source, FileResult file) {
        if (file.analyzed() == null || file.loaded().source() == null) {
            return f -> List.of();
        }
        PerFile fixes;
        try {
            fixes = source.forFile(file);
        } catch (RuntimeException | StackOverflowError e) {
            return f -> List.of();
        }
        return f -> {
            try {
                List<SuggestedFix> out = fixes.fixesFor(f);
                return out == null ? List.of() : out;
            } catch (RuntimeException | StackOverflowError e) {
                return List.of();
            }
        };
    }

    /** The fixes available for the findings of one file. */
    @FunctionalInterface
    interface PerFile {
        List<SuggestedFix> fixesFor(Finding finding);
    }
}
