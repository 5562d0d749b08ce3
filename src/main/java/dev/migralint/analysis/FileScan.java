package dev.migralint.analysis;

import dev.migralint.sql.Names;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation.*;
import dev.migralint.sql.op.Operation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the analysis learns from a whole file before walking it: the indexes the file creates anywhere (a foreign key's
 * index often follows the key), whether it changes the schema at all, and which tables it rebuilds by renaming a copy
 * into their name. Also the small per-statement and per-operation helpers those facts need.
 */
final class FileScan {
    /** Postgres keeps names to NAMEDATALEN - 1 bytes. */
    static final int NAME_BYTES = 63;
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'|\"((?:[^\"]|\"\")*)\"");

    /** Table key → the indexes, primary keys and unique constraints the file creates on it, encoded as the tracker does. */
    private final Map<String, List<String>> indexes = new HashMap<>();
    /** Statement index and name key of every object the file creates or renames something to, in file order. */
    private final List<Object[]> names = new ArrayList<>();
    /** Statement index and table key of every DROP TABLE. */
    private final List<Object[]> drops = new ArrayList<>();
    /** The last statement of each key in drops and defaults: "is there a later one" asked per operation is a lookup. */
    private final Map<String, Integer> lastDrop = new HashMap<>();
    private final Map<String, Integer> lastDefault = new HashMap<>();
    /** "table.column" key → the last statement that adds a column of that name, or renames one to it. */
    private final Map<String, Integer> lastColumnAdd = new HashMap<>();
    /** Statement index and "table.column" key of every SET DEFAULT. */
    private final List<Object[]> defaults = new ArrayList<>();
    private boolean ddl;

    static FileScan of(List<ParsedStatement> statements) {
        FileScan scan = new FileScan();
        for (ParsedStatement st : statements) {
            for (ParsedOperation po : st.operations()) {
                scan.add(st, po.operation());
            }
        }
        return scan;
    }

    private void add(ParsedStatement st, Operation op) {
        int statement = st.statement().index();
        if (!(op instanceof Update || op instanceof Delete || op instanceof Insert || op instanceof SetParameter
                || op instanceof Begin || op instanceof Commit || op instanceof Rollback || op instanceof Savepoint
                || op instanceof Other || op instanceof Unknown || op instanceof MetaCommand || op instanceof FileProblem
                || op instanceof LockTable || op instanceof Vacuum || op instanceof Cluster || op instanceof DoBlock)) {
            ddl = true;
        }
        if (op instanceof CreateIndex ci && ci.table() != null && servesLookups(st, ci)) {
            index(ci.table(), ci.columns());
        } else if (op instanceof TableConstraint tc && isKey(tc.constraintType())) {
            index(tc.table(), tc.columns());
        } else if (op instanceof AddConstraint ac && isKey(ac.constraintType())) {
            index(ac.table(), ac.columns());
        } else if (op instanceof CreateTableColumn c) {
            columnIndex(c.table(), c.def());
        } else if (op instanceof AddColumn a) {
            columnIndex(a.table(), a.def());
        }
        if (op instanceof DropTable dt) {
            dt.tables().forEach(t -> {
                drops.add(new Object[]{statement, key(t)});
                lastDrop.merge(key(t), statement, Math::max);
            });
        } else if (op instanceof AddColumn a && a.def() != null && a.def().column() != null) {
            lastColumnAdd.merge(key(a.table()) + "." + key(a.def().column()), statement, Math::max);
        } else if (op instanceof RenameColumn rc && rc.newName() != null) {
            lastColumnAdd.merge(key(rc.table()) + "." + key(rc.newName()), statement, Math::max);
        } else if (op instanceof SetDefault sd) {
            defaults.add(new Object[]{statement, key(sd.table()) + "." + key(sd.column())});
            lastDefault.merge(key(sd.table()) + "." + key(sd.column()), statement, Math::max);
        }
        String named = createdName(op);
        if (named != null) {
            names.add(new Object[]{statement, key(named), op instanceof AddConstraint});
        }
    }

    /** What an INSERT ... SELECT copies: every row of one table, with the columns its select list names (null: *). */
    record Copy(String source, Set<String> columns) {
        /** Whether the select list mentions every one of these columns (null: not known, taken as yes). */
        boolean keeps(Set<String> known) {
            return columns == null || known == null || columns.containsAll(known);
        }
    }

    /**
     * The table an INSERT ... SELECT copies every row of, or null: the query must read one table with nothing that
     * filters, limits, groups or combines rows (no WHERE, JOIN, GROUP BY, HAVING, LIMIT, DISTINCT, UNION or WITH), so
     * the target receives each of the source's rows.
     */
    static Copy copiedFrom(ParsedStatement st) {
        List<Token> code = st.statement().code();
        if (code.isEmpty() || code.get(0).is("WITH")) {
            return null;
        }
        int depth = 0;
        int select = -1;
        int from = -1;
        for (int i = 0; i < code.size(); i++) {
            Token t = code.get(i);
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && select < 0 && t.is("SELECT")) {
                select = i;
            } else if (depth == 0 && select >= 0 && t.is("FROM")) {
                from = i;
                break;
            }
        }
        if (select < 0 || from < 0 || select + 1 < code.size() && code.get(select + 1).isAny("DISTINCT", "TOP")) {
            return null;
        }
        int i = from + 1;
        StringBuilder name = new StringBuilder();
        while (i < code.size() && (code.get(i).type() == TokenType.WORD || code.get(i).type() == TokenType.QUOTED_IDENT)) {
            name.setLength(0);
            name.append(code.get(i).identifier());
            i++;
            if (i < code.size() && code.get(i).type() == TokenType.DOT) {
                i++;
            } else {
                break;
            }
        }
        if (name.isEmpty()) {
            return null;
        }
        if (i < code.size() && code.get(i).is("AS")) {
            i++;
        }
        if (i < code.size() && code.get(i).type() == TokenType.WORD && !isClause(code.get(i))) {
            i++; // an alias
        }
        while (i < code.size() && code.get(i).type() == TokenType.SEMICOLON) {
            i++;
        }
        if (i < code.size()) {
            return null;
        }
        List<Token> list = code.subList(select + 1, from);
        if (list.size() == 1 && list.get(0).text().equals("*")) {
            return new Copy(name.toString(), null);
        }
        Set<String> mentioned = new HashSet<>();
        for (Token t : list) {
            if (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENT) {
                mentioned.add(t.identifier().toLowerCase(Locale.ROOT));
            }
        }
        return new Copy(name.toString(), mentioned);
    }

    private static boolean isClause(Token t) {
        return t.isAny("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "GROUP", "HAVING",
                "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "EXCEPT", "INTERSECT", "ON", "RETURNING", "WINDOW", "TABLESAMPLE");
    }

    /**
     * Whether an index serves every lookup on its leading columns: a full index, or a partial one whose predicate only
     * says columns are not null ({@code WHERE col IS NOT NULL [AND ...]}), as a foreign key's lookups never look for
     * null. A partial index with any other predicate serves only some lookups.
     */
    static boolean servesLookups(ParsedStatement st, CreateIndex ci) {
        if (!ci.partial()) {
            return true;
        }
        List<Token> code = st.statement().code();
        int where = -1;
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i).is("WHERE")) {
                where = i;
            }
        }
        if (where < 0) {
            return false;
        }
        int i = where + 1;
        int depth = 0;
        boolean any = false;
        while (i < code.size()) {
            String t = code.get(i).text();
            if (t.equals("(")) {
                depth++;
                i++;
                continue;
            }
            if (t.equals(";")) {
                break;
            }
            // name IS NOT NULL
            TokenType type = code.get(i).type();
            if (i + 3 < code.size() && code.get(i + 1).is("IS") && code.get(i + 2).is("NOT") && code.get(i + 3).is("NULL")
                    && (type == TokenType.WORD || type == TokenType.QUOTED_IDENT)) {
                any = true;
                i += 4;
                while (i < code.size() && code.get(i).text().equals(")") && depth > 0) {
                    depth--;
                    i++;
                }
                if (i < code.size() && code.get(i).is("AND")) {
                    i++;
                    continue;
                }
                break;
            }
            return false;
        }
        return any && depth == 0 && (i >= code.size() || code.get(i).text().equals(";"));
    }

    /** The name an operation creates, or renames something to; null for other operations. */
    private static String createdName(Operation op) {
        if (op instanceof RenameTable rt) {
            return rt.newName();
        }
        if (op instanceof CreateTable ct) {
            return ct.table();
        }
        if (op instanceof CreateType ct) {
            return ct.name();
        }
        if (op instanceof CreateView cv) {
            return cv.name();
        }
        if (op instanceof CreateSequence cs) {
            return cs.name();
        }
        if (op instanceof CreateFunction cf) {
            return cf.name();
        }
        if (op instanceof CreateTrigger tr) {
            return tr.name();
        }
        if (op instanceof CreateObject co) {
            return co.name();
        }
        if (op instanceof AddConstraint ac) {
            return ac.constraintName();
        }
        if (op instanceof TableConstraint tc) {
            return tc.constraintName();
        }
        if (op instanceof AlterType at && at.action().equals("rename to")) {
            return at.newName();
        }
        if (op instanceof AlterObject ao && ao.action() != null && ao.action().startsWith("rename to ")) {
            return ao.action().substring("rename to ".length());
        }
        return null;
    }

    private static boolean isKey(String constraintType) {
        return constraintType.equals("primary-key") || constraintType.equals("unique") || constraintType.equals("index");
    }

    private void columnIndex(String table, ColumnDef def) {
        if (def.column() != null && (def.primaryKey() || def.unique())) {
            index(table, List.of(def.column()));
        }
    }

    private void index(String table, List<String> columns) {
        if (table != null && columns != null && !columns.isEmpty()) {
            indexes.computeIfAbsent(key(table), k -> new ArrayList<>()).add(SchemaTracker.encode(columns));
        }
    }

    /** True when the file creates, anywhere, an index or key on the table that begins with these columns. */
    boolean indexed(String table, List<String> columns) {
        return indexedByKey(key(table), columns);
    }

    /** As {@link #indexed}, for the table's {@link #key}: a foreign key asks every later migration of the change. */
    boolean indexedByKey(String tableKey, List<String> columns) {
        List<String> onTable = indexes.get(tableKey);
        if (onTable == null) {
            return false;
        }
        for (int i = 0; i < onTable.size(); i++) {
            if (SchemaTracker.covers(onTable.get(i), columns)) {
                return true;
            }
        }
        return false;
    }

    /** True when the file holds a schema change. */
    boolean ddl() {
        return ddl;
    }

    /**
     * True when a later statement, or the same one (ALTER TABLE ... DROP CONSTRAINT c, ADD CONSTRAINT c ...), creates
     * one of these names again or renames something to it.
     */
    boolean recreatedLater(int statement, List<String> tables) {
        for (Object[] r : names) {
            // Within one statement only a constraint counts: RENAME TO "role" from "Role" folds to the same key.
            if ((Integer) r[0] > statement || (Integer) r[0] == statement && (Boolean) r[2]) {
                for (String t : tables) {
                    if (key(t).equals(r[1])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when a statement after {@code statement} drops the table. */
    boolean droppedLater(int statement, String table) {
        return lastDrop.getOrDefault(key(table), -1) > statement;
    }

    /** True when a statement after {@code statement} sets a new default on the column. */
    boolean defaultSetLater(int statement, String table, String column) {
        return lastDefault.getOrDefault(key(table) + "." + key(column), -1) > statement;
    }

    /** True when a statement after {@code statement} adds a column of this name to the table again (or renames one to it). */
    boolean columnAddedLater(int statement, String table, String column) {
        return lastColumnAdd.getOrDefault(key(table) + "." + key(column), -1) > statement;
    }

    static String key(String name) {
        return name == null ? "" : Names.unqualified(name).toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- per statement and operation

    /** The longest identifier of a statement and its length in UTF-8 bytes, or null when it has none. */
    static Object[] longestIdentifier(ParsedStatement st) {
        if (st.statement().isMetaCommand()) {
            return null;
        }
        Token best = null;
        int bytes = 0;
        for (Token t : st.statement().tokens()) {
            if (t.type() != TokenType.WORD && t.type() != TokenType.QUOTED_IDENT) {
                continue;
            }
            int n = identifierBytes(t);
            if (n > bytes) {
                best = t;
                bytes = n;
            }
        }
        return best == null ? null : new Object[]{best.identifier(), bytes};
    }

    /** The identifiers of the statement longer than Postgres keeps (63 bytes), in order. */
    static List<String> longIdentifiers(ParsedStatement st) {
        List<String> out = new ArrayList<>();
        for (Token t : st.statement().tokens()) {
            if ((t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENT) && identifierBytes(t) > NAME_BYTES) {
                out.add(t.identifier());
            }
        }
        return out;
    }

    /** What Postgres keeps of a name: its first 63 bytes, cut at a character boundary (pg_mbcliplen). */
    static String kept(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= NAME_BYTES) {
            return name;
        }
        int end = NAME_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // inside a multi-byte character: keep it whole or not at all
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 length of the token's identifier, without building it for the common cases: an ASCII word (lower-casing
     * keeps its length) or a quoted ASCII name without doubled quotes.
     */
    private static int identifierBytes(Token t) {
        String text = t.text();
        int from = 0;
        int to = text.length();
        char close = 0;
        if (t.type() == TokenType.QUOTED_IDENT) {
            if (text.length() < 2) {
                return t.identifier().getBytes(StandardCharsets.UTF_8).length;
            }
            close = text.charAt(0) == '[' ? ']' : text.charAt(0);
            from = 1;
            to = t.unterminated() ? text.length() : text.length() - 1;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || (close != 0 && c == close)) {
                // Non-ASCII, or a doubled quote to undo: measure the identifier itself.
                return t.identifier().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return to - from;
    }

    /** False for what Postgres refuses to run inside a transaction block. */
    static boolean allowedInTransaction(Operation op, int pgVersion) {
        if (op instanceof Vacuum || op instanceof DropDatabase) {
            return false;
        }
        if (op instanceof Reindex r) {
            return !r.concurrently() && !List.of("schema", "database", "system").contains(r.targetType());
        }
        if (op instanceof CreateIndex ci) {
            return !ci.concurrently();
        }
        if (op instanceof DropIndex di) {
            return !di.concurrently();
        }
        if (op instanceof DetachPartition dp) {
            return !dp.concurrently();
        }
        if (op instanceof CreateObject co) {
            return !List.of("database", "tablespace", "subscription").contains(co.objectType());
        }
        if (op instanceof DropObject d) {
            return !List.of("tablespace", "subscription").contains(d.objectType());
        }
        if (op instanceof AlterObject ao) {
            return !"system".equals(ao.objectType());
        }
        if (op instanceof AlterTypeAddValue) {
            return pgVersion >= 12;
        }
        return true;
    }

    /** A foreign key's referencing columns, or null when the operation declares none. */
    static List<String> referencingColumns(Operation op) {
        if (op instanceof AddConstraint ac && ac.constraintType().equals("foreign-key")) {
            return ac.columns();
        }
        if (op instanceof TableConstraint tc && tc.constraintType().equals("foreign-key")) {
            return tc.columns();
        }
        if (op instanceof CreateTableColumn c && c.def().references() != null && c.def().column() != null) {
            return List.of(c.def().column());
        }
        if (op instanceof AddColumn a && a.def().references() != null && a.def().column() != null) {
            return List.of(a.def().column());
        }
        return null;
    }

    /**
     * Whether a statement after {@code from}, still inside the same transaction, mentions the label as a string
     * literal. An explicit transaction ends at COMMIT or ROLLBACK; a transaction the runner opens lasts to the end of
     * the file.
     */
    /**
     * For ALTER TABLE ... DISABLE TRIGGER x: whether a later statement, before a COMMIT or ROLLBACK, enables it again on
     * the same table (ENABLE TRIGGER x, or USER or ALL, which cover it). The caller asks only inside a transaction.
     */
    static boolean triggerEnabledLater(List<ParsedStatement> statements, int from, String table, String action) {
        String disabled = action.substring("disable trigger".length()).trim();
        for (ParsedStatement st : statements) {
            if (st.statement().index() < from) {
                continue;
            }
            for (ParsedOperation po : st.operations()) {
                Operation op = po.operation();
                if (st.statement().index() > from && (op instanceof Commit || op instanceof Rollback)) {
                    return false;
                }
                if (op instanceof AlterTableOther o && o.action() != null && o.action().startsWith("enable trigger")
                        && o.table() != null && sameName(o.table(), table)) {
                    String enabled = o.action().substring("enable trigger".length()).trim();
                    if (enabled.equals("all") || enabled.equals(disabled)
                            || enabled.equals("user") && !disabled.equals("all")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean sameName(String a, String b) {
        return Names.unqualified(a).equalsIgnoreCase(Names.unqualified(b));
    }

    /**
     * For ALTER SEQUENCE a RENAME TO b: whether an earlier statement of the file renamed table t to u where a is t_x and
     * b is u_x (a serial's own sequence renamed to follow its table).
     */
    static boolean followsTableRename(List<ParsedStatement> statements, ParsedStatement current, String sequence) {
        String newName = renamedTo(current);
        if (newName == null || sequence == null) {
            return false;
        }
        String from = Names.unqualified(sequence).toLowerCase(Locale.ROOT);
        String to = Names.unqualified(newName).toLowerCase(Locale.ROOT);
        for (ParsedStatement st : statements) {
            if (st.statement().index() >= current.statement().index()) {
                break;
            }
            for (ParsedOperation po : st.operations()) {
                if (po.operation() instanceof RenameTable rt && rt.table() != null && rt.newName() != null) {
                    String t = Names.unqualified(rt.table()).toLowerCase(Locale.ROOT) + "_";
                    String u = Names.unqualified(rt.newName()).toLowerCase(Locale.ROOT) + "_";
                    if (from.startsWith(t) && to.startsWith(u) && from.substring(t.length()).equals(to.substring(u.length()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The name after RENAME TO in the statement, or null. */
    private static String renamedTo(ParsedStatement st) {
        List<Token> code = st.statement().code();
        for (int i = 0; i + 2 < code.size(); i++) {
            if (code.get(i).is("RENAME") && code.get(i + 1).is("TO") && code.get(i + 2).isIdentifier()) {
                return code.get(i + 2).identifier();
            }
        }
        return null;
    }

    static boolean valueUsedLater(List<ParsedStatement> statements, int from, String value) {
        if (value == null) {
            return false;
        }
        for (ParsedStatement st : statements) {
            if (st.statement().index() <= from) {
                continue;
            }
            boolean ends = false;
            boolean addsValue = false;
            for (ParsedOperation po : st.operations()) {
                Operation op = po.operation();
                ends |= op instanceof Commit || op instanceof Rollback;
                addsValue |= op instanceof AlterTypeAddValue;
            }
            if (ends) {
                return false;
            }
            if (addsValue) {
                continue; // naming the label as another label's neighbour is allowed
            }
            for (Token t : st.statement().code()) {
                if (t.type() == TokenType.STRING && t.text().length() >= 2
                        && t.text().substring(1, t.text().length() - 1).replace("''", "'").equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * For a change between two ENUM types: true when the new type keeps the old labels in order and only appends, with
     * the same storage size (MySQL stores up to 255 labels in one byte); null when either is not an ENUM.
     */
    static Boolean enumAppended(String oldType, String newType) {
        List<String> before = enumLabels(oldType);
        List<String> after = enumLabels(newType);
        if (before == null || after == null) {
            return null;
        }
        if (after.size() < before.size() || !after.subList(0, before.size()).equals(before)) {
            return false;
        }
        return (before.size() <= 255) == (after.size() <= 255);
    }

    static List<String> enumLabels(String type) {
        if (type == null) {
            return null;
        }
        String t = type.trim();
        if (!t.toLowerCase(Locale.ROOT).startsWith("enum(") || !t.endsWith(")")) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        Matcher m = QUOTED.matcher(t.substring(5, t.length() - 1));
        while (m.find()) {
            labels.add(m.group(1) != null ? m.group(1).replace("''", "'") : m.group(2).replace("\"\"", "\""));
        }
        return labels;
    }
}
