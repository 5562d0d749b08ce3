package dev.migralint.analysis;

import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

/**
 * Whether a file can run a second time without failing: every statement is a schema change guarded by IF NOT EXISTS,
 * IF EXISTS or OR REPLACE, or a session or transaction statement. Strict on purpose: data changes (even ones that
 * look idempotent), unguarded DDL, DO blocks and anything not read count against it.
 */
public final class GuardedStatements {
    private GuardedStatements() {
    }

    /** True when the file holds no statement but guarded DDL, SET and transaction control (comments are no statements). */
    public static boolean allGuarded(ParsedFile file) {
        for (ParsedStatement st : file.statements()) {
            if (!guarded(st)) {
                return false;
            }
        }
        return true;
    }

    private static boolean guarded(ParsedStatement st) {
        if (st.operations().isEmpty()) {
            return false;
        }
        // The columns and constraints of CREATE TABLE IF NOT EXISTS come with it: nothing happens when the table exists.
        boolean tableGuarded = false;
        for (ParsedOperation po : st.operations()) {
            Operation op = po.operation();
            if (op instanceof CreateTable ct) {
                tableGuarded = ct.ifNotExists();
                if (!tableGuarded) {
                    return false;
                }
            } else if (op instanceof CreateTableColumn || op instanceof TableConstraint) {
                if (!tableGuarded) {
                    return false;
                }
            } else if (!guarded(op)) {
                return false;
            }
        }
        return true;
    }

    private static boolean guarded(Operation op) {
        if (op instanceof AddColumn a) {
            return a.ifNotExists();
        } else if (op instanceof CreateIndex ci) {
            return ci.ifNotExists();
        } else if (op instanceof CreateSchema cs) {
            return cs.ifNotExists();
        } else if (op instanceof CreateExtension ce) {
            return ce.ifNotExists();
        } else if (op instanceof CreateSequence cs) {
            return cs.ifNotExists();
        } else if (op instanceof CreateView cv) {
            return cv.orReplace() || cv.ifNotExists();
        } else if (op instanceof CreateFunction cf) {
            return cf.orReplace();
        } else if (op instanceof CreateTrigger ct) {
            return ct.orReplace();
        } else if (op instanceof AlterTypeAddValue av) {
            return av.ifNotExists();
        } else if (op instanceof DropTable d) {
            return d.ifExists();
        } else if (op instanceof DropIndex d) {
            return d.ifExists();
        } else if (op instanceof DropType d) {
            return d.ifExists();
        } else if (op instanceof DropSchema d) {
            return d.ifExists();
        } else if (op instanceof DropExtension d) {
            return d.ifExists();
        } else if (op instanceof DropColumn d) {
            return d.ifExists();
        } else if (op instanceof DropConstraint d) {
            return d.ifExists();
        } else if (op instanceof DropObject d) {
            return d.ifExists();
        }
        return op instanceof SetParameter || op instanceof Begin || op instanceof Commit || op instanceof IgnoreDirective;
    }
}
