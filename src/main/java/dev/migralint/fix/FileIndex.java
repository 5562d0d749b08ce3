package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.op.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What rewrites ask about a whole file, computed once per analysed file: reports ask for the fix of each of tens of
 * thousands of findings on their own, and a scan of the file per question made that quadratic.
 */
final class FileIndex {
    private static final ThreadLocal<FileIndex> LAST = new ThreadLocal<>();

    final AnalyzedFile file;
    final Map<Integer, List<AnalyzedOperation>> byStatement = new HashMap<>();
    /** Statement start offset of each operation, in file order (operations are in file order). */
    final int[] starts;
    final int firstUnknownStatement;
    final int firstUnknownStart;
    /** Statement indexes holding a BEGIN, ascending, with their start offsets. */
    final List<int[]> begins = new ArrayList<>();
    final String fileProblem;
    final int statements;
    /** Start of the first "-- migrate:down" comment, or -1. */
    final int downMarker;

    private FileIndex(AnalyzedFile file) {
        this.file = file;
        List<AnalyzedOperation> ops = file.operations();
        starts = new int[ops.size()];
        int unknown = -1;
        int unknownStart = -1;
        String problem = null;
        for (int i = 0; i < ops.size(); i++) {
            AnalyzedOperation ao = ops.get(i);
            int index = ao.statement().statement().index();
            starts[i] = ao.statement().statement().span().start();
            byStatement.computeIfAbsent(index, k -> new ArrayList<>()).add(ao);
            Operation op = ao.operation().operation();
            if (unknown < 0 && FixContext.isUnknown(op)) {
                unknown = index;
                unknownStart = starts[i];
            }
            if (op instanceof Operation.Begin) {
                begins.add(new int[] {index, starts[i]});
            }
            if (problem == null && op instanceof Operation.MergeConflictMarker m) {
                problem = "the file holds merge-conflict markers (lines " + m.lines()
                        + "), so migralint fix leaves it untouched";
            }
            if (problem == null && op instanceof Operation.FileProblem p) {
                problem = "the file could not be fully analysed (" + p.problem() + ": " + p.detail()
                        + "), so migralint fix leaves it untouched";
            }
        }
        firstUnknownStatement = unknown;
        firstUnknownStart = unknownStart;
        fileProblem = problem;
        int n = 0;
        for (var ps : file.parsed().statements()) {
            if (!ps.statement().isMetaCommand()) {
                n++;
            }
        }
        statements = n;
        int down = -1;
        for (Token t : file.parsed().tokens()) {
            if (t.type() == TokenType.LINE_COMMENT
                    && t.text().replaceAll("\\s+", "").toLowerCase(Locale.ROOT).startsWith("--migrate:down")) {
                down = t.start();
                break;
            }
        }
        downMarker = down;
    }

    /** The index of this file (the last one asked for on this thread is kept). */
    static FileIndex of(AnalyzedFile file) {
        FileIndex last = LAST.get();
        if (last != null && last.file == file) {
            return last;
        }
        FileIndex index = new FileIndex(file);
        LAST.set(index);
        return index;
    }

    /** The position of the first operation whose statement starts at or after {@code offset}. */
    int firstOperationFrom(int offset) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
