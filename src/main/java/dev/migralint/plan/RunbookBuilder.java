package dev.migralint.plan;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.analysis.FileAnalyzer;
import dev.migralint.analysis.Lock;
import dev.migralint.analysis.TableSizeFacts;
import dev.migralint.analysis.TransactionUnit;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the runbook from a lint run whose results keep their analysis (not findings-only): the analysis gives each
 * operation's lock, the findings say what is risky, the operation model gives the inverses. Files are taken in the
 * run's order, which is migration order within a history, so the inverses can use what earlier migrations declared.
 */
public final class RunbookBuilder {
    static final int MAX_STATEMENT_CHARS = 100;

    private final int targetPostgres;
    private final String lockTimeout;
    private Durations durations = Durations.NONE;

    /**
     * @param targetPostgres the configured target major version
     * @param lockTimeout    the lock_timeout value to recommend (the configured one)
     */
    public RunbookBuilder(int targetPostgres, String lockTimeout) {
        this.targetPostgres = targetPostgres;
        this.lockTimeout = lockTimeout == null ? "5s" : lockTimeout;
    }

    /** Observed statement times (a verify report) for the duration column; table sizes come from the analysis. */
    public RunbookBuilder withDurations(Durations d) {
        this.durations = d == null ? Durations.NONE : d;
        return this;
    }

    public Runbook build(RunResult result) {
        Map<String, InverseGenerator> byHistory = new HashMap<>();
        List<MigrationPlan> plans = new ArrayList<>();
        for (FileResult fr : result.files()) {
            if (fr.analyzed() != null && fr.analyzed().onlyDown()) {
                continue; // a down migration runs on rollback: the runbook plans the up ones
            }
            // One generator per directory: each history's memory is its own.
            String dir = parentOf(fr.path());
            plans.add(plan(fr, byHistory.computeIfAbsent(dir, d -> new InverseGenerator()), durations));
        }
        Checklist checklist = new Checklist(targetPostgres, lockTimeout, plans);
        long blocking = result.findings().stream().filter(f -> !f.suppressed() && f.severity().atLeast(result.failOn())).count();
        int irreversible = (int) plans.stream().filter(MigrationPlan::irreversible).count();
        int unplanned = plans.stream().mapToInt(p -> p.unplanned().size() + (p.problem() != null ? 1 : 0)).sum();
        StringBuilder verdict = new StringBuilder();
        verdict.append(result.safe() ? "Safe to deploy by the rules: nothing at or above " + result.failOn().id() + "."
                : "Not safe as written: " + blocking + " finding" + (blocking == 1 ? "" : "s") + " at or above "
                + result.failOn().id() + ".");
        verdict.append(' ').append(plans.size()).append(plans.size() == 1 ? " migration" : " migrations");
        verdict.append(irreversible == 0 ? ", all reversible by their rollback scripts."
                : ", " + irreversible + " of them irreversible without the backups below.");
        if (unplanned > 0) {
            verdict.append(' ').append(unplanned).append(unplanned == 1 ? " statement" : " statements")
                    .append(" could not be planned (see below).");
        }
        return new Runbook(result.safe(), verdict.toString(), plans, checklist.before(), checklist.after());
    }

    private static String parentOf(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String dir = p.substring(0, slash);
        // Runners that keep one directory per migration (Prisma, Diesel): the history is the directory above.
        String name = p.substring(slash + 1);
        if (name.equals("migration.sql") || name.equals("up.sql") || name.equals("down.sql")) {
            int up = dir.lastIndexOf('/');
            return up < 0 ? "" : dir.substring(0, up);
        }
        return dir;
    }

    /** One file's plan, feeding its operations to the history's generator in order. */
    public static MigrationPlan plan(FileResult fr, InverseGenerator generator) {
        return plan(fr, generator, Durations.NONE);
    }

    /** The same, with each step's duration from verify's observations or the table statistics the analysis read. */
    public static MigrationPlan plan(FileResult fr, InverseGenerator generator, Durations durations) {
        AnalyzedFile af = fr.analyzed();
        if (af == null) {
            String problem = fr.loaded().ok() ? "not analysed" : fr.loaded().problem()
                    + (fr.loaded().detail() != null ? ": " + fr.loaded().detail() : "");
            return new MigrationPlan(fr.path(), List.of(), problem, fileFindings(fr));
        }
        SourceFile src = af.parsed().source();
        String text = src.text();
        Map<Integer, List<String>> findings = new HashMap<>();
        for (Finding f : fr.findings()) {
            if (!f.suppressed() && f.operationIndex() >= 0) {
                findings.computeIfAbsent(f.operationIndex(), k -> new ArrayList<>())
                        .add(f.severity().id() + " " + f.ruleId());
            }
        }
        List<Step> steps = new ArrayList<>();
        List<AnalyzedOperation> ops = af.operations();
        for (int i = 0; i < ops.size(); i++) {
            AnalyzedOperation ao = ops.get(i);
            ParsedOperation po = ao.operation();
            Operation op = po.operation();
            TransactionUnit unit = af.unitAt(po.span().start());
            if (unit != null && !"up".equals(unit.direction())) {
                continue;
            }
            if (op instanceof Operation.MigrationHistory || op instanceof Operation.IgnoreDirective) {
                continue;
            }
            if (po.source() == ParsedOperation.Source.EMBEDDED) {
                // SQL inside a DO block or routine body: the block itself is planned (as not invertible).
                continue;
            }
            String statementText = ao.statement().statement().body(text);
            String opText = po.span().of(text);
            Object oldType = ao.context().get(ContextFacts.OLD_TYPE);
            Inverse inverse = generator.next(op, InverseGenerator.definitionOf(op, statementText, opText),
                    oldType instanceof String s ? s : null);
            Lock lock = ao.lock() == null ? Lock.UNKNOWN : ao.lock();
            boolean newTable = Boolean.TRUE.equals(ao.context().get(ContextFacts.TABLE_CREATED_IN_FILE));
            List<String> here = findings.getOrDefault(i, List.of());
            if ((op instanceof Operation.CreateTableColumn || op instanceof Operation.TableConstraint) && !steps.isEmpty()
                    && steps.get(steps.size() - 1).operation() instanceof Operation.CreateTable) {
                // A column or constraint of CREATE TABLE goes with its table's row; its findings join the table's.
                Step table = steps.remove(steps.size() - 1);
                List<String> merged = new ArrayList<>(table.findings());
                here.stream().filter(f -> !merged.contains(f)).forEach(merged::add);
                steps.add(new Step(table.line(), table.statement(), table.kind(), table.table(), table.lock(),
                        table.blocks(), table.rewrites(), table.scans(), table.newTable(), merged, table.inverse(),
                        table.lockTimeoutSet(), table.operation(), table.duration()));
                continue;
            }
            steps.add(new Step(src.lines().line(po.span().start()), oneLine(statementText),
                    OperationCatalog.get().kindOf(op).name(), FileAnalyzer.tableOf(op), lock.mode(), lock.blocks(),
                    lock.rewrites(), lock.scans(), newTable, here, inverse,
                    Boolean.TRUE.equals(ao.context().get(ContextFacts.LOCK_TIMEOUT_SET)), op,
                    durations.of(fr.path(), ao.statement().statement().index(), op, lock.rewrites(), lock.scans(),
                            newTable || !(ao.context().get(TableSizeFacts.TABLE_BYTES) instanceof Long bytes) ? null : bytes)));
        }
        return new MigrationPlan(fr.path(), steps, null, fileFindings(fr));
    }

    private static List<String> fileFindings(FileResult fr) {
        List<String> out = new ArrayList<>();
        for (Finding f : fr.findings()) {
            if (!f.suppressed() && f.operationIndex() < 0) {
                out.add(f.severity().id() + " " + f.ruleId() + ": " + f.message());
            }
        }
        return out;
    }

    static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        return s.length() <= MAX_STATEMENT_CHARS ? s : s.substring(0, MAX_STATEMENT_CHARS - 1) + "…";
    }
}
