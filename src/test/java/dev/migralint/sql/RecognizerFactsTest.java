package dev.migralint.sql;

import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Facts the rule catalogue relies on, checked through both front ends (JSqlParser and the token recognizer) where
 * both understand the statement, since either may produce the operations.
 */
class RecognizerFactsTest {

    private static List<Operation> ops(String sql, Dialect dialect, boolean jsql) {
        ParsedFile f = new SqlFrontEnd(jsql).parse(SourceFile.ofText("t.sql", sql), dialect);
        return f.statements().stream().flatMap(s -> s.operations().stream()).map(ParsedOperation::operation).toList();
    }

    private static List<Map<String, Object>> facts(String sql, String kind, boolean jsql) {
        return ops(sql, Dialect.POSTGRESQL, jsql).stream()
                .filter(o -> OperationCatalog.get().kindName(o).equals(kind))
                .map(o -> OperationCatalog.get().facts(o)).toList();
    }

    private static String kinds(String sql, boolean jsql) {
        return ops(sql, Dialect.POSTGRESQL, jsql).stream().map(o -> OperationCatalog.get().kindName(o))
                .collect(Collectors.joining(","));
    }

    @Test
    void tableLevelConstraintsAreOperationsInBothFrontEnds() {
        String sql = "CREATE TABLE memberships (team_id bigint NOT NULL, user_id int NOT NULL, note text,"
                + " CONSTRAINT memberships_pkey PRIMARY KEY (team_id, user_id),"
                + " FOREIGN KEY (user_id) REFERENCES users (id), UNIQUE (note), CHECK (note <> ''));";
        for (boolean jsql : new boolean[]{true, false}) {
            assertEquals("create-table,create-table-column,create-table-column,create-table-column,"
                    + "table-constraint,table-constraint,table-constraint,table-constraint", kinds(sql, jsql), "jsql=" + jsql);
            List<Map<String, Object>> tc = facts(sql, "table-constraint", jsql);
            assertEquals("primary-key", tc.get(0).get("constraint-type"));
            assertEquals("memberships_pkey", tc.get(0).get("constraint-name"));
            assertEquals(List.of("team_id", "user_id"), tc.get(0).get("columns"));
            assertEquals("foreign-key", tc.get(1).get("constraint-type"));
            assertEquals(List.of("user_id"), tc.get(1).get("columns"));
            assertEquals("users", tc.get(1).get("references-table"));
            assertEquals("unique", tc.get(2).get("constraint-type"));
            assertEquals("check", tc.get(3).get("constraint-type"));
            List<Map<String, Object>> cols = facts(sql, "create-table-column", jsql);
            assertEquals(true, cols.get(0).get("key"), "team_id is in the primary key");
            assertEquals(true, cols.get(1).get("key"), "user_id is in the primary key and a foreign key");
            assertEquals(false, cols.get(2).get("key"));
        }
    }

    @Test
    void tokenSpansOfColumnsSurviveWhenJsqlParses() {
        String sql = "CREATE TABLE t (id int PRIMARY KEY, at timestamp(3), FOREIGN KEY (id) REFERENCES u (id));";
        ParsedFile f = new SqlFrontEnd(true).parse(SourceFile.ofText("t.sql", sql), Dialect.POSTGRESQL);
        ParsedStatement st = f.statements().get(0);
        ParsedOperation at = st.operations().get(2);
        assertEquals("at timestamp(3)", at.span().of(sql), "a column keeps its exact span for replace-type");
    }

    @Test
    void inlineKeysAndStoredGeneratedColumns() {
        for (boolean jsql : new boolean[]{true, false}) {
            List<Map<String, Object>> cols = facts("CREATE TABLE t (id serial PRIMARY KEY, owner int REFERENCES u (id),"
                    + " total int GENERATED ALWAYS AS (a + b) STORED, v int GENERATED ALWAYS AS (a * 2) VIRTUAL,"
                    + " n int CHECK (n IS NOT NULL));", "create-table-column", jsql);
            assertEquals(true, cols.get(0).get("key"));
            assertEquals(true, cols.get(1).get("key"));
            assertEquals(true, cols.get(2).get("generated"));
            assertEquals(true, cols.get(2).get("stored"));
            assertEquals(true, cols.get(3).get("generated"));
            assertEquals(false, cols.get(3).get("stored"));
            assertEquals(false, cols.get(4).get("not-null"), "NOT NULL inside CHECK (...) is not a column option");
            assertEquals(true, cols.get(4).get("check"));
        }
    }

    @Test
    void characterWithLengthIsAType() {
        Map<String, Object> add = facts("ALTER TABLE a ADD COLUMN c CHARACTER(3) NOT NULL;", "add-column", false).get(0);
        assertEquals("character(3)", add.get("type"));
        assertEquals(true, add.get("not-null"));
        Map<String, Object> varying = facts("ALTER TABLE a ADD COLUMN c character varying(20);", "add-column", false).get(0);
        assertEquals("character varying(20)", varying.get("type"));
    }

    @Test
    void duplicateAssignmentsInUpdate() {
        for (boolean jsql : new boolean[]{true, false}) {
            assertEquals("status", facts("UPDATE users SET status = 'a', x = 1, status = 'b' WHERE id = 1;", "update", jsql)
                    .get(0).get("duplicate-column"), "jsql=" + jsql);
            assertNull(facts("UPDATE users SET status = 'a', x = 1 WHERE id = 1;", "update", jsql).get(0).get("duplicate-column"));
        }
        assertNull(facts("UPDATE users SET tags[1] = 'a', tags[2] = 'b';", "update", false).get(0).get("duplicate-column"),
                "subscripts may repeat a column");
    }

    @Test
    void insertFromSelectReadsTheSourceAsJsqlParserDoes() {
        Map<String, Boolean> cases = new java.util.LinkedHashMap<>();
        cases.put("INSERT INTO t (a, b) (SELECT a, b FROM u WHERE a IS NOT NULL);", true);
        cases.put("INSERT INTO t (SELECT * FROM u);", true);
        cases.put("INSERT INTO t SELECT * FROM u;", true);
        cases.put("INSERT INTO t (a) SELECT x FROM (VALUES (1), (2)) v(x);", true);
        cases.put("INSERT INTO t (a) WITH w AS (SELECT 1) SELECT * FROM w;", true);
        cases.put("INSERT INTO t AS n (a) SELECT 1;", true);
        cases.put("INSERT INTO t (a) OVERRIDING SYSTEM VALUE SELECT 1;", true);
        cases.put("INSERT INTO t (a) VALUES (1), (2);", false);
        cases.put("INSERT INTO t (a) VALUES ((SELECT max(a) FROM u));", false);
        cases.put("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = (SELECT 2);", false);
        cases.put("INSERT INTO t DEFAULT VALUES;", false);
        cases.forEach((sql, fromSelect) -> {
            for (boolean jsql : new boolean[]{true, false}) {
                List<Map<String, Object>> insert = facts(sql, "insert", jsql);
                assertEquals(fromSelect, insert.get(0).get("from-select"), sql + " jsql=" + jsql);
            }
        });
    }

    @Test
    void updateAndDeleteWhereIsTopLevelOnly() {
        for (boolean jsql : new boolean[]{true, false}) {
            assertEquals(false, facts("UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1);", "update", jsql).get(0).get("has-where"));
            assertEquals(true, facts("UPDATE t SET a = u.b FROM u WHERE u.id = t.id;", "update", jsql).get(0).get("has-where"));
            assertEquals(false, facts("DELETE FROM t USING (SELECT id FROM u WHERE x) s;", "delete", jsql).get(0).get("has-where"));
            assertEquals(true, facts("DELETE FROM t WHERE id IN (SELECT id FROM u);", "delete", jsql).get(0).get("has-where"));
        }
    }

    @Test
    void alterTypeNewNames() {
        Map<String, Object> rename = facts("ALTER TYPE \"Status\" RENAME TO \"Status_old\";", "alter-type", false).get(0);
        assertEquals("rename to", rename.get("action"));
        assertEquals("Status_old", rename.get("new-name"));
        Map<String, Object> value = facts("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';", "alter-type", false).get(0);
        assertEquals("rename value", value.get("action"));
        assertEquals("blue", value.get("new-name"));
        assertNull(facts("ALTER TYPE mood OWNER TO app;", "alter-type", false).get(0).get("new-name"));
    }

    @Test
    void dropTriggerKnowsItsTable() {
        Map<String, Object> drop = facts("DROP TRIGGER IF EXISTS t_audit ON public.orders;", "drop-object", false).get(0);
        assertEquals("trigger", drop.get("object-type"));
        assertEquals("public.orders", drop.get("table"));
    }

    @Test
    void indexColumnCount() {
        for (boolean jsql : new boolean[]{true, false}) {
            assertEquals(4, facts("CREATE INDEX i ON t (a, b, lower(c), d);", "create-index", jsql).get(0).get("column-count"));
        }
    }

    @Test
    void indexEntriesKeepTheirWordsApartInBothFrontEnds() {
        // An operator class or an ordering after the column: JSqlParser's entry used to come out as "totimestamp_ops",
        // so the column's name was lost to everything that reads the index's columns.
        String sql = "CREATE INDEX i ON t USING btree (id int4_ops, \"to\" timestamp_ops, b DESC NULLS LAST, (lower(c)));";
        for (boolean jsql : new boolean[]{true, false}) {
            assertEquals(List.of("id int4_ops", "\"to\" timestamp_ops", "b desc nulls last", "(lower(c))"),
                    facts(sql, "create-index", jsql).get(0).get("columns"), "jsql=" + jsql);
        }
    }

    @Test
    void sqliteVirtualTablesAreCreatedTables() {
        // Synapse's full_schemas/72/full.sql.sqlite: CREATE VIRTUAL TABLE ... USING fts4 (...) was not understood.
        for (boolean jsql : new boolean[]{true, false}) {
            List<Operation> ops = ops("CREATE VIRTUAL TABLE event_search USING fts4 ( event_id, room_id, sender, key, value );",
                    Dialect.SQLITE, jsql);
            assertEquals(List.of("create-table"), ops.stream().map(o -> OperationCatalog.get().kindName(o)).toList(),
                    "jsql=" + jsql);
            assertEquals("event_search", OperationCatalog.get().facts(ops.get(0)).get("table"));
        }
    }

    @Test
    void sqlitePragmaAssignmentsAreSettings() {
        List<Operation> ops = ops("PRAGMA foreign_keys = OFF; PRAGMA foreign_key_check; PRAGMA table_info(t);",
                Dialect.SQLITE, false);
        Map<String, Object> set = OperationCatalog.get().facts(ops.get(0));
        assertEquals("foreign_keys", set.get("parameter"));
        assertEquals("OFF", set.get("value"));
        assertEquals("other", OperationCatalog.get().kindName(ops.get(1)));
        assertEquals("other", OperationCatalog.get().kindName(ops.get(2)));
    }

    @Test
    void psqlVariablesArePartOfNames() {
        for (boolean jsql : new boolean[]{true, false}) {
            String sql = "create table :GRAPHILE_WORKER_SCHEMA.jobs (id bigserial primary key, queue text);\n"
                    + "alter table :GRAPHILE_WORKER_SCHEMA.jobs enable row level security;\n"
                    + "grant usage on schema :\"schema\" to :'role';";
            List<Operation> ops = ops(sql, Dialect.POSTGRESQL, jsql);
            assertEquals("create-table", OperationCatalog.get().kindName(ops.get(0)));
            assertEquals(":GRAPHILE_WORKER_SCHEMA.jobs", OperationCatalog.get().facts(ops.get(0)).get("table"));
            assertTrue(ops.stream().noneMatch(o -> OperationCatalog.get().kindName(o).equals("unknown")), "jsql=" + jsql);
        }
    }

    @Test
    void psqlVariablesLexAsParametersButCastsStayOperators() {
        List<Token> tokens = Lexer.tokenize("select :v, :'lit', :\"ident\", x::text, a[1:2];", Dialect.POSTGRESQL).stream()
                .filter(t -> !t.isTrivia()).toList();
        List<String> params = tokens.stream().filter(t -> t.type() == TokenType.PARAMETER).map(Token::text).toList();
        assertEquals(List.of(":v", ":'lit'", ":\"ident\""), params);
        assertTrue(tokens.stream().anyMatch(t -> t.text().equals("::") && t.type() == TokenType.OPERATOR));
        assertTrue(tokens.get(1).isPsqlVariable());
        assertFalse(tokens.stream().filter(t -> t.text().equals("::")).findFirst().orElseThrow().isPsqlVariable());
    }
}
