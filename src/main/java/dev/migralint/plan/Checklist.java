package dev.migralint.plan;

import dev.migralint.sql.Names;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-deployment checklist and the post-deployment checks, built from what the migrations do and what the rules
 * found: an item appears only when a statement calls for it, and names the statements that do.
 */
final class Checklist {
    private final List<Item> before = new ArrayList<>();
    private final List<Item> after = new ArrayList<>();

    Checklist(int targetPostgres, String lockTimeout, List<MigrationPlan> plans) {
        Map<String, List<String>> backups = new LinkedHashMap<>();
        Map<Integer, List<String>> versions = new java.util.TreeMap<>();
        Map<String, List<String>> disk = new LinkedHashMap<>();
        Map<String, List<String>> codeFirst = new LinkedHashMap<>();
        List<String> exclusive = new ArrayList<>();
        List<String> exclusiveWithoutTimeout = new ArrayList<>();
        List<String> window = new ArrayList<>();
        List<String> schemaNeeded = new ArrayList<>();
        Set<String> concurrentIndexes = new LinkedHashSet<>();
        List<String> notValid = new ArrayList<>();
        Set<String> analyze = new LinkedHashSet<>();
        List<String> enumValues = new ArrayList<>();
        for (MigrationPlan p : plans) {
            for (Step s : p.steps()) {
                String at = p.path() + ":" + s.line();
                Operation op = s.operation();
                for (String t : losesData(op)) {
                    if (!s.newTable()) {
                        backups.computeIfAbsent(t, k -> new ArrayList<>()).add(at);
                    }
                }
                int v = minimumVersion(op);
                if (v > 0) {
                    versions.computeIfAbsent(v, k -> new ArrayList<>()).add(at + " (" + s.kind() + ")");
                }
                if (s.table() != null && !s.newTable() && (s.rewrites() || op instanceof CreateIndex)) {
                    disk.computeIfAbsent(s.table(), k -> new ArrayList<>()).add(at + (s.rewrites() ? " rewrites" : " builds an index"));
                }
                String stops = codeFirst(op);
                if (stops != null) {
                    codeFirst.computeIfAbsent(stops, k -> new ArrayList<>()).add(at);
                }
                if ("ACCESS EXCLUSIVE".equals(s.lock()) && !s.newTable() && s.table() != null) {
                    exclusive.add(at);
                    if (!s.lockTimeoutSet()) {
                        exclusiveWithoutTimeout.add(at);
                    }
                    if ((s.rewrites() || s.scans()) && !s.findings().isEmpty()) {
                        window.add(at + " (" + s.kind() + ")");
                    }
                }
                if (s.inverse().kind() == Inverse.Kind.IRREVERSIBLE && s.inverse().reason() != null
                        && s.inverse().reason().contains("schema backup")) {
                    schemaNeeded.add(at);
                }
                if (op instanceof CreateIndex ci && ci.concurrently()) {
                    concurrentIndexes.add(ci.name() == null ? ci.table() : ci.name());
                }
                if (op instanceof AddConstraint ac && ac.notValid()) {
                    notValid.add(ac.table() + "." + (ac.constraintName() == null ? "(unnamed)" : ac.constraintName()));
                }
                if (s.table() != null && !s.newTable() && (s.rewrites() || op instanceof CreateIndex
                        || op instanceof AlterColumnType)) {
                    analyze.add(s.table());
                }
                if (op instanceof AlterTypeAddValue av) {
                    enumValues.add(av.name() + " gains " + av.value() + " (" + at + ")");
                }
            }
        }
        // ---- before ----
        for (Map.Entry<String, List<String>> b : backups.entrySet()) {
            before.add(new Item("backup", "Back up " + b.getKey() + ": it loses a column, rows or values, and the"
                    + " rollback restores them only from this file.", b.getValue(), List.of(Backups.dump(b.getKey()))));
        }
        if (!schemaNeeded.isEmpty() || !backups.isEmpty()) {
            before.add(new Item("backup", "Keep the schema as it is now: the rollback takes the definitions the"
                    + " migrations drop from it.", schemaNeeded,
                    List.of("pg_dump --schema-only --file=schema-before.sql \"$DATABASE_URL\"")));
        }
        for (Map.Entry<Integer, List<String>> v : versions.entrySet()) {
            String state = v.getKey() <= targetPostgres ? "the configured target, " + targetPostgres + ", has it"
                    : "the configured target is " + targetPostgres + ": upgrade first or rewrite these statements";
            before.add(new Item("postgres-version", "Needs PostgreSQL " + v.getKey() + " or later ("
                    + state + ").", v.getValue(), List.of("psql \"$DATABASE_URL\" -Atc 'SHOW server_version'")));
        }
        for (Map.Entry<String, List<String>> d : disk.entrySet()) {
            before.add(new Item("disk", "Free disk space for what is written on " + d.getKey()
                    + ": a rewrite writes a second copy of the table and its indexes, an index build the new index;"
                    + " the old files stay until commit, and WAL comes on top.",
                    d.getValue(), List.of("psql \"$DATABASE_URL\" -Atc \"SELECT pg_size_pretty(pg_total_relation_size('"
                    + Sql.name(d.getKey()).replace("'", "''") + "'))\"")));
        }
        for (Map.Entry<String, List<String>> c : codeFirst.entrySet()) {
            before.add(new Item("code-first", "Deploy the application code that stops using " + c.getKey()
                    + " first, and wait until no old instance runs.", c.getValue(), List.of()));
        }
        if (!exclusive.isEmpty()) {
            before.add(new Item("lock-timeout", "Run the ACCESS EXCLUSIVE steps with a lock timeout, and retry on"
                    + " timeout (a queued ACCESS EXCLUSIVE lock blocks every later query on the table)"
                    + (exclusiveWithoutTimeout.isEmpty() ? "; the files set one already." : "; these set none:"),
                    exclusiveWithoutTimeout.isEmpty() ? exclusive : exclusiveWithoutTimeout,
                    List.of("SET lock_timeout = '" + lockTimeout + "';",
                            "-- on \"canceling statement due to lock timeout\": wait, then run the migration again")));
        }
        if (!window.isEmpty()) {
            before.add(new Item("window", "Schedule a maintenance window, or apply the safer form the findings"
                    + " describe: these rewrite or scan a table while blocking it.", window, List.of()));
        }
        // ---- after ----
        if (!concurrentIndexes.isEmpty()) {
            after.add(new Item("verify", "A failed CREATE INDEX CONCURRENTLY leaves an INVALID index: check that"
                    + " none is left (drop and recreate any that is).", List.copyOf(concurrentIndexes),
                    List.of("SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;")));
        }
        if (!notValid.isEmpty()) {
            after.add(new Item("verify", "NOT VALID constraints are enforced for new rows only: validate them in a"
                    + " later migration.", notValid, List.of("ALTER TABLE ... VALIDATE CONSTRAINT ...;")));
        }
        if (!analyze.isEmpty()) {
            after.add(new Item("verify", "Refresh the planner's statistics of the tables rewritten or newly"
                    + " indexed.", List.copyOf(analyze),
                    analyze.stream().map(t -> "ANALYZE " + Sql.name(t) + ";").toList()));
        }
        if (!enumValues.isEmpty()) {
            after.add(new Item("verify", "New enum values can be used only after the migration commits; the"
                    + " application must not write them before.", enumValues, List.of()));
        }
        if (!codeFirst.isEmpty()) {
            after.add(new Item("watch", "Watch the application's errors for the dropped or renamed names"
                    + " (\"column ... does not exist\", \"relation ... does not exist\").",
                    List.copyOf(codeFirst.keySet()), List.of()));
        }
        if (!exclusive.isEmpty()) {
            after.add(new Item("watch", "While it runs, watch for sessions waiting on its locks.", List.of(),
                    List.of("SELECT pid, wait_event_type, state, left(query, 60) FROM pg_stat_activity"
                            + " WHERE wait_event_type = 'Lock';")));
        }
    }

    List<Item> before() {
        return before;
    }

    List<Item> after() {
        return after;
    }

    /** Tables that lose a column, rows or values. */
    static List<String> losesData(Operation op) {
        if (op instanceof DropColumn d) {
            return List.of(d.table());
        }
        if (op instanceof DropTable d) {
            return d.tables();
        }
        if (op instanceof Truncate t) {
            return t.tables();
        }
        if (op instanceof Delete d) {
            return List.of(d.table());
        }
        if (op instanceof Update u) {
            return List.of(u.table());
        }
        return List.of();
    }

    /** The Postgres major version a statement needs to do what it says (or to do it without a rewrite), or 0. */
    static int minimumVersion(Operation op) {
        if (op instanceof AddColumn a && a.def().hasDefault() && !a.def().defaultVolatile()) {
            return 11; // a constant DEFAULT without a table rewrite
        }
        if (op instanceof AddColumn a && a.def().generated() && a.def().stored()) {
            return 12;
        }
        if (op instanceof DetachPartition d && d.concurrently()) {
            return 14;
        }
        if (op instanceof Reindex r && r.concurrently()) {
            return 12;
        }
        if (op instanceof CreateTrigger t && t.orReplace()) {
            return 14;
        }
        return 0;
    }

    /** "table.column" or "table" that application code must stop using before the statement runs, or null. */
    static String codeFirst(Operation op) {
        if (op instanceof DropColumn d) {
            return Names.unqualified(d.table()) + "." + d.column();
        }
        if (op instanceof RenameColumn r) {
            return Names.unqualified(r.table()) + "." + r.column();
        }
        if (op instanceof DropTable d) {
            return String.join(", ", d.tables());
        }
        if (op instanceof RenameTable r) {
            return r.table();
        }
        return null;
    }
}
