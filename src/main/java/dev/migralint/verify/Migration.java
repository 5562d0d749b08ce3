package dev.migralint.verify;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.RunnerModel;
import dev.migralint.analysis.TransactionUnit;
import dev.migralint.config.TransactionMode;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.workspace.RunnerDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * One migration file as the runner runs it: its units (the whole file, or its sections), each with its statements
 * and the way the runner sends them.
 */
public record Migration(String path, AnalyzedFile analyzed, RunnerModel model, TransactionMode mode) {

    /** How a unit reaches the server. */
    public enum Sending {
        /** BEGIN, each statement, COMMIT. */
        TRANSACTION,
        /** The unit's text as one query string: one implicit transaction when it holds more than one statement. */
        ONE_QUERY,
        /** Each statement on its own, committing as it goes. */
        STATEMENTS
    }

    /** A unit with its statements (meta-commands left out) and how it is sent. */
    public record Unit(TransactionUnit unit, List<ParsedStatement> statements, Sending sending) {
    }

    public String text() {
        return analyzed.parsed().source().text();
    }

    public int line(int offset) {
        return analyzed.parsed().source().lines().line(offset);
    }

    /** The units of one direction, in file order. */
    public List<Unit> units(String direction) {
        List<Unit> out = new ArrayList<>();
        boolean oneQueryRunner = analyzed.framework().wrapping() == RunnerDescriptor.Wrapping.IMPLICIT_MULTI_STATEMENT
                && mode == TransactionMode.AUTO;
        for (TransactionUnit u : analyzed.units()) {
            if (!u.direction().equals(direction)) {
                continue;
            }
            List<ParsedStatement> sts = new ArrayList<>();
            for (ParsedStatement st : analyzed.parsed().statements()) {
                int s = st.statement().span().start();
                if (s >= u.start() && s < u.end() && !st.statement().isMetaCommand() && !st.statement().code().isEmpty()) {
                    sts.add(st);
                }
            }
            if (sts.isEmpty()) {
                continue;
            }
            Sending sending;
            if (oneQueryRunner && (u.inTransaction() ? !u.source().equals("config") : sts.size() == 1)) {
                sending = Sending.ONE_QUERY;
            } else {
                sending = u.inTransaction() ? Sending.TRANSACTION : Sending.STATEMENTS;
            }
            out.add(new Unit(u, sts, sending));
        }
        return out;
    }

    public boolean has(String direction) {
        return !units(direction).isEmpty();
    }

    /** The analysed operations of a statement. */
    public List<AnalyzedOperation> operationsOf(ParsedStatement st) {
        List<AnalyzedOperation> out = new ArrayList<>();
        for (AnalyzedOperation op : analyzed.operations()) {
            if (op.statement() == st || op.statement().statement().index() == st.statement().index()) {
                out.add(op);
            }
        }
        return out;
    }
}
