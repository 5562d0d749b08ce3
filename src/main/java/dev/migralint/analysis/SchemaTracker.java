package dev.migralint.analysis;

import dev.migralint.sql.Names;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation.*;
import dev.migralint.sql.op.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows column types, indexes and keys through the migrations of one run, in order, so that a later ALTER COLUMN ...
 * TYPE knows the type it changes from and a later foreign key knows whether its columns are indexed. Names are compared
 * without schema and case-folded, as unquoted Postgres names are.
 *
 * <p>Per table, the map holds column → type, plus entries whose keys start with {@link #META} (a character no SQL name
 * holds): whether the table was created by a linted migration, and its indexes, primary key and unique constraints as
 * comma-separated leading columns. Keeping them in the same map keeps {@link #snapshot()} a complete state.
 */
public final class SchemaTracker {
    /** Prefix of the bookkeeping keys in a table's map. */
    static final String META = "\u0000";
    private static final String CREATED = META + "created";
    /** The object was created by a file of the change being checked (see {@link #markCreatedInChange}). */
    private static final String IN_CHANGE = META + "change";
    /** A column a file of the change being checked added (see {@link #markColumnAddedInChange}). */
    private static final String COLUMN_IN_CHANGE = META + "column-in-change:";
    /**
     * A foreign key of this table: REFERENCES + referenced table + "#" + referencing columns, valued with the referencing
     * columns (so that dropping one of them drops the entry, as Postgres and SQLite drop the key with its column).
     */
    private static final String REFERENCES = META + "references:";
    /** What a file of the change left as a column's default: "" NULL, {@link #DEFAULT_SET} another value. */
    private static final String DEFAULT_IN_CHANGE = META + "default-in-change:";
    private static final String DEFAULT_SET = "\u0000set";
    private static final String INDEX = META + "index:";
    private static final String CONSTRAINT = META + "constraint:";
    private static final String PRIMARY = META + "pk";
    /** The table is partitioned (CREATE TABLE ... PARTITION BY): its indexes cannot be built or dropped CONCURRENTLY. */
    private static final String PARTITIONED = META + "partitioned";
    /** A pseudo-table whose map holds the indexes of partitioned tables: index name -> table. */
    private static final String PARTITIONED_INDEXES = META + "partitioned-indexes";
    /** Names longer than Postgres keeps: META + the 63 bytes it keeps → the name as written first. */
    private static final String LONG_NAMES = META + "long-names";
    /**
     * An INSERT ... SELECT copied every row and column of this table into the table named by the value, which holds
     * {@link #ROWS_OF} back: a table rebuild spread over several migrations (pop's fizz writes SQLite's as four).
     */
    private static final String COPIED_INTO = META + "copied-into";
    private static final String ROWS_OF = META + "rows-of";
    /** CHECK (col IS NOT NULL) constraints by name, valid or still NOT VALID; the value is the column. */
    private static final String NOT_NULL_VALID = META + "notnull-valid:";
    private static final String NOT_NULL_PENDING = META + "notnull-pending:";
    private static final Pattern PLAIN_COLUMN = Pattern.compile(
            "\"?([^\"\\s(),]+)\"?(\\s+(asc|desc|nulls first|nulls last|collate \\S+|[a-z0-9_]+_ops))*",
            Pattern.CASE_INSENSITIVE);
    private final Map<String, Map<String, String>> columns = new HashMap<>();
    /**
     * Index and constraint name → the table holding it. DROP INDEX names no table; without this every DROP INDEX
     * would scan every table, which is quadratic over a long history. It only mirrors the tables' INDEX and
     * CONSTRAINT entries, so {@link #snapshot()} leaves it out and {@link #restore} rebuilds it: carried as one map
     * it would change with every index a file creates, and the result cache would store the whole map per file.
     */
    private final Map<String, String> owners = new HashMap<>();
    /**
     * The tables whose part of the state changed since {@link #takeChanges()} (or {@link #restore}): what a file did
     * to the state, found without comparing whole snapshots (which is quadratic over a long history).
     */
    private final Set<String> dirty = new HashSet<>();
    /**
     * Every table a foreign key has pointed at since the last {@link #restore}, dropped ones included: a table not in
     * it has no foreign key pointing at it, which spares {@link #referencedByOtherTable} its scan of every table.
     */
    private final Set<String> everReferenced = new HashSet<>();
    /** In {@link #everReferenced}: any table may be referenced. */
    private static final String ANY = "\u0000any";

    private static String key(String name) {
        return name == null ? "" : Names.unqualified(name).toLowerCase(Locale.ROOT);
    }

    /**
     * Records the names longer than 63 bytes a statement writes, by what Postgres keeps of them, and returns an earlier
     * different name (of the history, or of this statement) that Postgres cuts to the same one, or null. The state
     * carries them (keyed with META, so no table code reads them as columns) for the files after.
     */
    public String truncatedTwin(List<String> names) {
        String twin = null;
        for (String name : names) {
            Map<String, String> kept = columns.computeIfAbsent(LONG_NAMES, k -> new HashMap<>());
            String key = META + FileScan.kept(name);
            String earlier = kept.putIfAbsent(key, name);
            if (earlier == null) {
                dirty.add(LONG_NAMES);
            } else if (!earlier.equals(name) && twin == null) {
                twin = earlier;
            }
        }
        return twin;
    }

    /** Records that a table created earlier is partitioned (the parser keeps no PARTITION BY clause). */
    public void markPartitioned(String table) {
        table(table).put(PARTITIONED, "");
    }

    /** Whether the tracked history made this table partitioned (PARTITION BY). */
    public boolean partitioned(String table) {
        Map<String, String> cols = columns.get(key(table));
        return cols != null && cols.containsKey(PARTITIONED);
    }

    /** Whether this index was created on a partitioned table (and not dropped since). */
    public boolean partitionedIndex(String index) {
        Map<String, String> idx = columns.get(PARTITIONED_INDEXES);
        return idx != null && index != null && idx.containsKey(key(index));
    }

    /** A deep copy of what is tracked: table → column → type (the result cache stores how each file changes it). */
    public Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> copy = new HashMap<>(columns.size() * 2);
        columns.forEach((table, cols) -> copy.put(table, new HashMap<>(cols)));
        return copy;
    }

    /** Replaces what is tracked with a {@link #snapshot()}, to continue a history whose earlier files were cached. */
    public void restore(Map<String, Map<String, String>> state) {
        columns.clear();
        owners.clear();
        dirty.clear();
        everReferenced.clear();
        state.forEach((table, cols) -> {
            columns.put(table, new HashMap<>(cols));
            for (String k : cols.keySet()) {
                if (k.startsWith(REFERENCES)) {
                    int hash = k.indexOf('#', REFERENCES.length());
                    // A name holding '#' makes the split ambiguous: then every name counts as referenced.
                    everReferenced.add(hash == k.lastIndexOf('#') ? k.substring(REFERENCES.length(), hash) : ANY);
                }
                String name = k.startsWith(INDEX) ? k.substring(INDEX.length())
                        : k.startsWith(CONSTRAINT) ? k.substring(CONSTRAINT.length()) : null;
                if (name != null && !name.startsWith("#")) {
                    owners.put(name, table);
                }
            }
        });
    }

    /**
     * What changed since the last call (or {@link #restore}): copies of the changed tables' parts, and the tables that
     * no longer exist. Applying them to the state before gives the state now.
     */
    public Changes takeChanges() {
        Map<String, Map<String, String>> changed = new HashMap<>();
        List<String> dropped = new ArrayList<>();
        for (String table : new TreeSet<>(dirty)) {
            Map<String, String> cols = columns.get(table);
            if (cols != null) {
                changed.put(table, new HashMap<>(cols));
            } else {
                dropped.add(table);
            }
        }
        dirty.clear();
        return new Changes(changed, dropped);
    }

    /** Forgets the changes {@link #takeChanges()} would return. */
    public void forgetChanges() {
        dirty.clear();
    }

    /** A file's effect on the state: see {@link #takeChanges()}. */
    public record Changes(Map<String, Map<String, String>> changed, List<String> dropped) {
    }

    /** The column's type as last declared, or null when no linted migration declared it. */
    public String typeOf(String table, String column) {
        Map<String, String> cols = columns.get(key(table));
        return cols == null ? null : cols.get(key(column));
    }

    /** True when a validated CHECK (column IS NOT NULL) constraint on the table is known, so SET NOT NULL needs no scan. */
    public boolean notNullProven(String table, String column) {
        Map<String, String> cols = columns.get(key(table));
        if (cols == null || column == null) {
            return false;
        }
        for (Map.Entry<String, String> e : cols.entrySet()) {
            if (e.getKey().startsWith(NOT_NULL_VALID) && e.getValue().equals(key(column))) {
                return true;
            }
        }
        return false;
    }

    /** The table's columns (lower-cased) when a linted migration created it, else null (they are not all known). */
    public Set<String> columnsOf(String table) {
        Map<String, String> cols = columns.get(key(table));
        if (cols == null || !cols.containsKey(CREATED)) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (String k : cols.keySet()) {
            if (!k.startsWith(META)) {
                names.add(k);
            }
        }
        return names;
    }

    /** True when a linted migration created the table, so its indexes and keys are all known. */
    /** Whether the history so far created any table: a history this tracker knows something of. */
    public boolean createdAnyTable() {
        for (Map<String, String> cols : columns.values()) {
            if (cols.containsKey(CREATED)) {
                return true;
            }
        }
        return false;
    }

    public boolean created(String table) {
        Map<String, String> cols = columns.get(key(table));
        return cols != null && cols.containsKey(CREATED);
    }

    /** Records that every row and column of {@code source} was copied into {@code target} (both tracked tables). */
    public void recordCopy(String source, String target) {
        if (source == null || target == null || key(source).equals(key(target))
                || !columns.containsKey(key(source)) || !columns.containsKey(key(target))) {
            return;
        }
        table(source).put(COPIED_INTO, key(target));
        table(target).put(ROWS_OF, key(source));
    }

    /**
     * The table an earlier migration created and copied every row of {@code source} into, when it still holds them
     * (not re-created, not renamed, no column added to the source since), else null.
     */
    public String copiedInto(String source) {
        Map<String, String> cols = columns.get(key(source));
        String target = cols == null ? null : cols.get(COPIED_INTO);
        Map<String, String> copy = target == null ? null : columns.get(target);
        return copy != null && copy.containsKey(CREATED) && key(source).equals(copy.get(ROWS_OF)) ? target : null;
    }

    /**
     * Whether {@code table} holds every row of {@code name}, copied by an earlier statement, and no table of that
     * name exists any more: renaming it to {@code name} ends a table rebuild.
     */
    public boolean restoresCopied(String table, String name) {
        Map<String, String> cols = columns.get(key(table));
        return cols != null && name != null && cols.containsKey(CREATED) && key(name).equals(cols.get(ROWS_OF))
                && !columns.containsKey(key(name));
    }

    /**
     * Records that a file of the change being checked created the table (or type, view, sequence, domain): later files
     * of the change find it as new as a table created earlier in their own file. Kept in the state, so a history whose
     * earlier files come from the result cache still knows it; dropping or re-creating the object clears it.
     */
    public void markCreatedInChange(String name) {
        if (name != null) {
            table(name).put(IN_CHANGE, "");
        }
    }

    /**
     * The columns (comma-separated, as stored) of the table's primary key or unique constraint of that name, or null
     * when no linted migration made it.
     */
    public String keyColumns(String table, String constraint) {
        Map<String, String> cols = columns.get(key(table));
        if (cols == null || constraint == null) {
            return null;
        }
        String n = key(constraint);
        if (cols.containsKey(CONSTRAINT + n)) {
            return cols.get(CONSTRAINT + n);
        }
        return n.equals(key(table) + "_pkey") ? cols.get(PRIMARY) : null;
    }

    /** The table's primary key columns (comma-separated, case-folded), or null when no linted migration declared one. */
    public String primaryKeyOf(String table) {
        Map<String, String> cols = table == null ? null : columns.get(key(table));
        return cols == null ? null : cols.get(PRIMARY);
    }

    /** The columns as {@link #keyColumns} stores them. */
    public static String keyOf(List<String> cols) {
        return cols == null || cols.isEmpty() ? null : encode(cols);
    }

    /** An index the tracker's own reading leaves out (a partial index that still serves every key lookup). */
    public void addIndex(String table, String name, List<String> cols) {
        if (table != null) {
            keyEntry(table, "index", name, cols);
        }
    }

    /** The table an index or key constraint of the tracked history belongs to (as the tracker keys it), or null. */
    public String ownerOf(String index) {
        return index == null ? null : owners.get(key(index));
    }

    /** Records that a file of the change being checked added this column (ADD COLUMN); kept in the state like IN_CHANGE. */
    public void markColumnAddedInChange(String table, String column) {
        if (table != null && column != null) {
            table(table).put(COLUMN_IN_CHANGE + key(column), "");
        }
    }

    /** True when a file of the change being checked added the column (see {@link #markColumnAddedInChange}). */
    public boolean columnAddedInChange(String table, String column) {
        Map<String, String> cols = table == null || column == null ? null : columns.get(key(table));
        return cols != null && cols.containsKey(COLUMN_IN_CHANGE + key(column));
    }

    /** Records what a file of the change being checked left as the column's default: NULL or another value. */
    public void markDefaultInChange(String table, String column, boolean isNull) {
        if (table != null && column != null) {
            table(table).put(DEFAULT_IN_CHANGE + key(column), isNull ? "" : DEFAULT_SET);
        }
    }

    /** Forgets what the change left as the column's default (a file outside the change spoke of it since). */
    public void forgetDefaultInChange(String table, String column) {
        Map<String, String> cols = columns.get(key(table));
        if (cols != null && cols.remove(DEFAULT_IN_CHANGE + key(column)) != null) {
            dirty.add(key(table));
        }
    }

    /**
     * True when a file of the change left the column's default NULL, false when it set another one, null when no file
     * of the change said (see {@link #markDefaultInChange}).
     */
    public Boolean defaultNullInChange(String table, String column) {
        Map<String, String> cols = table == null || column == null ? null : columns.get(key(table));
        String v = cols == null ? null : cols.get(DEFAULT_IN_CHANGE + key(column));
        return v == null ? null : v.isEmpty();
    }

    /** True when a file of the change being checked created the object (see {@link #markCreatedInChange}). */
    public boolean createdInChange(String name) {
        Map<String, String> cols = name == null ? null : columns.get(key(name));
        return cols != null && cols.containsKey(IN_CHANGE);
    }

    /**
     * Whether an index, primary key or unique constraint of the table begins with exactly these columns (in any order),
     * as a foreign key's referencing columns need to be looked up fast; null when the table was not created by a linted
     * migration, so its indexes are not all known.
     */
    public Boolean indexedOn(String table, List<String> cols) {
        if (!created(table)) {
            return null;
        }
        for (Map.Entry<String, String> e : columns.get(key(table)).entrySet()) {
            if ((e.getKey().startsWith(INDEX) || e.getKey().startsWith(CONSTRAINT) || e.getKey().equals(PRIMARY))
                    && covers(e.getValue(), cols)) {
                return true;
            }
        }
        return false;
    }

    /** True when an index on {@code indexed} (comma-separated) serves lookups on {@code cols}. */
    static boolean covers(String indexed, List<String> cols) {
        if (indexed == null || indexed.isEmpty() || cols == null || cols.isEmpty()) {
            return false;
        }
        if (cols.size() == 1) {
            // Most foreign keys have one column: the index's first element is it, without splitting or sets.
            String plain = plainColumn(cols.get(0));
            int comma = indexed.indexOf(',');
            int first = comma < 0 ? indexed.length() : comma;
            return plain != null && plain.length() == first && indexed.startsWith(plain);
        }
        String[] parts = indexed.split(",", -1);
        if (parts.length < cols.size()) {
            return false;
        }
        Set<String> lead = new HashSet<>();
        for (int i = 0; i < cols.size(); i++) {
            lead.add(parts[i]);
        }
        Set<String> want = new HashSet<>();
        for (String c : cols) {
            String plain = plainColumn(c);
            if (plain == null) {
                return false;
            }
            want.add(plain);
        }
        return lead.equals(want);
    }

    /** The column an index element names, case-folded, or null for an expression. */
    static String plainColumn(String element) {
        if (element == null) {
            return null;
        }
        String e = element.trim();
        if (isBareName(e)) {
            // What PLAIN_COLUMN would match in full as group 1, without a matcher (one per index element otherwise).
            return e.toLowerCase(Locale.ROOT);
        }
        Matcher m = PLAIN_COLUMN.matcher(e);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** Non-empty and free of quotes, parentheses, commas and the whitespace \\s stands for. */
    private static boolean isBareName(String e) {
        if (e.isEmpty()) {
            return false;
        }
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '(' || c == ')' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == 0x0B
                    || c == '\f' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    /** Index elements as stored: plain columns case-folded, an expression as an empty part. */
    static String encode(List<String> elements) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            String plain = plainColumn(elements.get(i));
            if (i > 0) {
                b.append(',');
            }
            b.append(plain == null ? "" : plain);
        }
        return b.toString();
    }

    private Map<String, String> table(String name) {
        dirty.add(key(name));
        return columns.computeIfAbsent(key(name), k -> new HashMap<>());
    }

    private void keyEntry(String table, String type, String name, List<String> cols) {
        if (cols == null || cols.isEmpty()) {
            return;
        }
        if (type.equals("primary-key")) {
            table(table).put(PRIMARY, encode(cols));
        } else if (type.equals("unique")) {
            table(table).put(CONSTRAINT + (name == null ? "#" + encode(cols) : key(name)), encode(cols));
        } else if (type.equals("index")) {
            table(table).put(INDEX + (name == null ? "#" + encode(cols) : key(name)), encode(cols));
        }
        if (name != null && (type.equals("unique") || type.equals("index"))) {
            owners.put(key(name), key(table));
        }
    }

    public void apply(Operation op) {
        // The longer cases are methods of their own: the JIT compiles a method whole, and only the cases a run meets
        // often are worth compiling.
        if (op instanceof CreateTable ct) {
            Map<String, String> fresh = new HashMap<>();
            fresh.put(CREATED, "");
            dirty.add(key(ct.table()));
            columns.put(key(ct.table()), fresh);
        } else if (op instanceof CreateTableColumn c) {
            table(c.table()).put(key(c.def().column()), c.def().type());
            columnKeys(c.table(), c.def());
            reference(c.table(), c.def().references(), List.of(c.def().column() == null ? "" : c.def().column()));
        } else if (op instanceof AddColumn a) {
            Map<String, String> cols = table(a.table());
            cols.put(key(a.def().column()), a.def().type());
            cols.remove(COPIED_INTO); // the copy lacks the new column
            columnKeys(a.table(), a.def());
            reference(a.table(), a.def().references(), List.of(a.def().column() == null ? "" : a.def().column()));
        } else if (op instanceof TableConstraint tc) {
            keyEntry(tc.table(), tc.constraintType(), tc.constraintName(), tc.columns());
            reference(tc.table(), tc.referencesTable(), tc.columns());
        } else if (op instanceof AddConstraint ac) {
            addConstraint(ac);
        } else if (op instanceof ValidateConstraint vc && vc.constraintName() != null) {
            validateConstraint(vc);
        } else if (op instanceof CreateIndex ci) {
            createIndex(ci);
        } else if (op instanceof DropIndex di) {
            dropIndex(di);
        } else if (op instanceof DropConstraint dc && dc.constraintName() != null) {
            dropConstraint(dc);
        } else if (op instanceof AlterType at && at.newName() != null && at.action().startsWith("rename to")) {
            renameType(at.name(), at.newName());
        } else if (op instanceof AlterColumnType t) {
            table(t.table()).put(key(t.column()), t.type());
        } else if (op instanceof DropColumn d) {
            dropColumn(d);
        } else if (op instanceof RenameColumn r) {
            renameColumn(r);
        } else if (op instanceof RenameTable r) {
            renameTable(r);
        } else if (op instanceof DropType dt) {
            forgetChangeMark(dt.name());
        } else if (op instanceof DropObject d) {
            forgetChangeMark(d.name());
        } else if (op instanceof DropTable d) {
            dropTable(d);
        }
    }

    private void addConstraint(AddConstraint ac) {
        keyEntry(ac.table(), ac.constraintType(), ac.constraintName(), ac.columns());
        reference(ac.table(), ac.referencesTable(), ac.columns());
        if (ac.notNullColumn() != null && ac.constraintName() != null) {
            table(ac.table()).put((ac.notValid() ? NOT_NULL_PENDING : NOT_NULL_VALID) + key(ac.constraintName()),
                    key(ac.notNullColumn()));
        }
    }

    private void validateConstraint(ValidateConstraint vc) {
        dirty.add(key(vc.table()));
        Map<String, String> cols = columns.get(key(vc.table()));
        String column = cols == null ? null : cols.remove(NOT_NULL_PENDING + key(vc.constraintName()));
        if (column != null) {
            cols.put(NOT_NULL_VALID + key(vc.constraintName()), column);
        }
    }

    private void createIndex(CreateIndex ci) {
        if (!ci.partial() && ci.table() != null) {
            keyEntry(ci.table(), "index", ci.name(), ci.columns());
        }
        if (ci.name() != null && ci.table() != null && partitioned(ci.table())) {
            dirty.add(PARTITIONED_INDEXES);
            columns.computeIfAbsent(PARTITIONED_INDEXES, k -> new HashMap<>()).put(key(ci.name()), key(ci.table()));
        }
    }

    private void dropIndex(DropIndex di) {
        Map<String, String> partitionedIndexes = columns.get(PARTITIONED_INDEXES);
        for (String name : di.names()) {
            if (partitionedIndexes != null && partitionedIndexes.remove(key(name)) != null) {
                dirty.add(PARTITIONED_INDEXES);
            }
            String owner = owners.remove(key(name));
            Map<String, String> cols = owner == null ? null : columns.get(owner);
            if (cols != null) {
                dirty.add(owner);
                cols.remove(INDEX + key(name));
                cols.remove(CONSTRAINT + key(name));
            }
        }
    }

    private void dropConstraint(DropConstraint dc) {
        dirty.add(key(dc.table()));
        Map<String, String> cols = columns.get(key(dc.table()));
        if (cols != null) {
            String n = key(dc.constraintName());
            cols.remove(CONSTRAINT + n);
            cols.remove(NOT_NULL_VALID + n);
            cols.remove(NOT_NULL_PENDING + n);
            if (n.equals("primary") || n.equals(key(dc.table()) + "_pkey")) {
                cols.remove(PRIMARY);
            }
        }
    }

    private void dropColumn(DropColumn d) {
        dirty.add(key(d.table()));
        Map<String, String> cols = columns.get(key(d.table()));
        if (cols != null) {
            cols.remove(key(d.column()));
            cols.remove(COLUMN_IN_CHANGE + key(d.column()));
            cols.remove(DEFAULT_IN_CHANGE + key(d.column()));
            // Postgres drops the indexes and constraints that use the column with it.
            String dropped = key(d.column());
            cols.entrySet().removeIf(e -> e.getKey().startsWith(META) && !e.getKey().equals(CREATED)
                    && !e.getKey().equals(IN_CHANGE)
                    && Arrays.asList(e.getValue().split(",", -1)).contains(dropped));
        }
    }

    private void renameColumn(RenameColumn r) {
        dirty.add(key(r.table()));
        Map<String, String> cols = columns.get(key(r.table()));
        if (cols != null && r.newName() != null) {
            String type = cols.remove(key(r.column()));
            if (type != null) {
                cols.put(key(r.newName()), type);
            }
            if (cols.remove(COLUMN_IN_CHANGE + key(r.column())) != null) {
                cols.put(COLUMN_IN_CHANGE + key(r.newName()), "");
            }
            String defaultInChange = cols.remove(DEFAULT_IN_CHANGE + key(r.column()));
            if (defaultInChange != null) {
                cols.put(DEFAULT_IN_CHANGE + key(r.newName()), defaultInChange);
            }
            String from = key(r.column());
            String to = key(r.newName());
            for (Map.Entry<String, String> e : cols.entrySet()) {
                if (e.getKey().startsWith(META) && !e.getValue().isEmpty()) {
                    String[] parts = e.getValue().split(",", -1);
                    for (int i = 0; i < parts.length; i++) {
                        if (parts[i].equals(from)) {
                            parts[i] = to;
                        }
                    }
                    e.setValue(String.join(",", parts));
                }
            }
        }
    }

    private void renameTable(RenameTable r) {
        dirty.add(key(r.table()));
        Map<String, String> cols = columns.remove(key(r.table()));
        if (cols != null && r.newName() != null) {
            dirty.add(key(r.newName()));
            columns.put(key(r.newName()), cols);
            String from = key(r.table());
            String to = key(r.newName());
            owners.replaceAll((index, table) -> table.equals(from) ? to : table);
        }
        if (r.newName() != null) {
            // Postgres and SQLite (3.26+) rewrite the foreign keys that point at a renamed table.
            retarget(key(r.table()), key(r.newName()));
        }
    }

    private void dropTable(DropTable d) {
        d.tables().forEach(t -> {
            dirty.add(key(t));
            columns.remove(key(t));
            if (d.cascade()) {
                retarget(key(t), null); // CASCADE drops the foreign keys that point at it
            }
        });
    }

    /** Records a foreign key of {@code table} to {@code target} (nothing when it is not one). */
    private void reference(String table, String target, List<String> cols) {
        if (table == null || target == null || target.isBlank()) {
            return;
        }
        String encoded = cols == null || cols.isEmpty() ? "" : encode(cols);
        everReferenced.add(key(target));
        table(table).put(REFERENCES + key(target) + "#" + encoded, encoded);
    }

    /** Points the foreign keys that reference {@code from} at {@code to}, or drops them when {@code to} is null. */
    private void retarget(String from, String to) {
        if (!everReferenced.contains(from) && !everReferenced.contains(ANY)) {
            return;
        }
        String prefix = REFERENCES + from + "#";
        for (Map.Entry<String, Map<String, String>> t : columns.entrySet()) {
            List<String> keys = new ArrayList<>();
            for (String k : t.getValue().keySet()) {
                if (k.startsWith(prefix)) {
                    keys.add(k);
                }
            }
            for (String k : keys) {
                String value = t.getValue().remove(k);
                if (to != null) {
                    everReferenced.add(to);
                    t.getValue().put(REFERENCES + to + "#" + k.substring(prefix.length()), value);
                }
                dirty.add(t.getKey());
            }
        }
    }

    /**
     * Whether a foreign key of another table (one a linted migration declared, not dropped since) points at this one;
     * null when no linted migration created the table, so what points at it is not known.
     */
    public Boolean referencedByOtherTable(String table) {
        String own = key(table);
        if (!everReferenced.contains(own) && !everReferenced.contains(ANY)) {
            return created(table) ? Boolean.FALSE : null;
        }
        String prefix = REFERENCES + own + "#";
        for (Map.Entry<String, Map<String, String>> t : columns.entrySet()) {
            if (t.getKey().equals(own)) {
                continue; // a self-reference: dropping the table drops its referencing rows with it
            }
            for (String k : t.getValue().keySet()) {
                if (k.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return created(table) ? Boolean.FALSE : null;
    }

    /** A dropped type, view, sequence or domain is no longer one the change created. */
    private void forgetChangeMark(String name) {
        Map<String, String> cols = name == null ? null : columns.get(key(name));
        if (cols != null && cols.remove(IN_CHANGE) != null) {
            dirty.add(key(name));
            if (cols.isEmpty()) {
                columns.remove(key(name));
            }
        }
    }

    private void columnKeys(String table, ColumnDef def) {
        if (def.column() == null) {
            return;
        }
        if (def.primaryKey()) {
            table(table).put(PRIMARY, key(def.column()));
        } else if (def.unique()) {
            table(table).put(CONSTRAINT + "#" + key(def.column()), key(def.column()));
        }
    }

    /** ALTER TYPE a RENAME TO b: columns declared as a (or a[]) now have type b. */
    private void renameType(String from, String to) {
        String old = key(from);
        String renamed = Names.unqualified(to);
        for (Map.Entry<String, Map<String, String>> table : columns.entrySet()) {
            for (Map.Entry<String, String> e : table.getValue().entrySet()) {
                if (e.getKey().startsWith(META) || e.getValue() == null) {
                    continue;
                }
                String type = e.getValue();
                boolean array = type.endsWith("[]");
                String base = array ? type.substring(0, type.length() - 2) : type;
                if (key(base).equals(old)) {
                    e.setValue(renamed + (array ? "[]" : ""));
                    dirty.add(table.getKey());
                }
            }
        }
    }
}
