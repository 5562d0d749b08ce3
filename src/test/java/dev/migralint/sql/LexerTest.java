package dev.migralint.sql;

import dev.migralint.sql.op.OperationCatalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexerTest {
    private static List<Statement> split(String sql, Dialect d) {
        return StatementSplitter.split(sql, Lexer.tokenize(sql, d));
    }

    private static List<String> bodies(String sql, Dialect d) {
        return split(sql, d).stream().map(s -> s.body(sql).strip()).toList();
    }

    @Test
    void dollarQuotesWithTagsHideSemicolonsAndInnerDollars() {
        String sql = "CREATE FUNCTION f() RETURNS int AS $fn$ SELECT $$x;$$; $fn$ LANGUAGE sql;\nSELECT 1;";
        assertEquals(List.of("CREATE FUNCTION f() RETURNS int AS $fn$ SELECT $$x;$$; $fn$ LANGUAGE sql", "SELECT 1"),
                bodies(sql, Dialect.POSTGRESQL));
    }

    @Test
    void nestedBlockCommentsInPostgresButNotMySql() {
        String sql = "/* a /* b; */ c; */ SELECT 1;";
        assertEquals(List.of("SELECT 1"), bodies(sql, Dialect.POSTGRESQL));
        // MySQL ends the comment at the first */, so " c; */ SELECT 1" is code.
        assertEquals(2, split(sql, Dialect.MYSQL).size());
    }

    @Test
    void escapeStringsAndDoubledQuotes() {
        String sql = "SELECT E'it\\'s;', 'a''b;c';\nSELECT 2;";
        assertEquals(2, split(sql, Dialect.POSTGRESQL).size());
        List<Token> tokens = Lexer.tokenize("SELECT E'it\\'s;'", Dialect.POSTGRESQL);
        assertEquals(TokenType.STRING, tokens.get(1).type());
        assertEquals("E'it\\'s;'", tokens.get(1).text());
    }

    @Test
    void quotedIdentifiersKeepCaseAndUnquote() {
        List<Token> tokens = Lexer.tokenize("\"User\".\"we\"\"ird\" users", Dialect.POSTGRESQL);
        assertEquals("User", tokens.get(0).identifier());
        assertEquals("we\"ird", tokens.get(2).identifier());
        assertEquals("users", tokens.get(3).identifier());
        assertEquals("users", Lexer.tokenize("USERS", Dialect.POSTGRESQL).get(0).identifier());
    }

    @Test
    void psqlMetaCommandsAreStatementsOfTheirOwn() {
        String sql = "\\set ON_ERROR_STOP on\nCREATE TABLE t (id int);\n  \\ir other.sql\nSELECT 1;";
        List<Statement> st = split(sql, Dialect.POSTGRESQL);
        assertEquals(4, st.size());
        assertTrue(st.get(0).isMetaCommand());
        assertTrue(st.get(2).isMetaCommand());
        assertEquals("\\ir other.sql", st.get(2).text(sql));
    }

    @Test
    void mysqlBackticksHashCommentsAndDelimiter() {
        String sql = "# comment; here\nCREATE TABLE `t;x` (id int);\nDELIMITER //\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END//\nDELIMITER ;\nSELECT 1;";
        List<String> b = bodies(sql, Dialect.MYSQL);
        assertEquals("CREATE TABLE `t;x` (id int)", b.get(0));
        assertEquals("DELIMITER //", b.get(1));
        assertTrue(b.get(2).startsWith("CREATE TRIGGER tr") && b.get(2).endsWith("END"), b.get(2));
        assertEquals("DELIMITER ;", b.get(3));
        assertEquals("SELECT 1", b.get(4));
    }

    @Test
    void sqliteTriggerBodyStaysInOneStatement() {
        String sql = "CREATE TRIGGER t AFTER UPDATE ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 END; DELETE FROM b; END;\nSELECT 1;";
        List<String> b = bodies(sql, Dialect.SQLITE);
        assertEquals(2, b.size(), b.toString());
        assertTrue(b.get(0).endsWith("END"));
    }

    @Test
    void postgresBeginAtomicBody() {
        String sql = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELECT 3;";
        assertEquals(2, split(sql, Dialect.POSTGRESQL).size());
    }

    @Test
    void unterminatedTokensRunToTheEndAndAreFlagged() {
        for (String sql : List.of("SELECT 'abc", "SELECT $$abc", "SELECT \"abc", "SELECT 1 /* abc")) {
            List<Token> tokens = Lexer.tokenize(sql, Dialect.POSTGRESQL);
            Token last = tokens.get(tokens.size() - 1);
            assertTrue(last.unterminated(), sql);
            assertEquals(sql.length(), last.end(), sql);
        }
    }

    @Test
    void crlfLineEndingsAndCommentsDoNotSwallowTheBreak() {
        String sql = "-- note\r\nSELECT 1;\r\nSELECT 2;";
        List<Token> tokens = Lexer.tokenize(sql, Dialect.POSTGRESQL);
        assertEquals("-- note", tokens.get(0).text());
        assertEquals(2, split(sql, Dialect.POSTGRESQL).size());
        LineIndex lines = new LineIndex(sql);
        assertEquals(2, lines.line(sql.indexOf("SELECT 1")));
        assertEquals(3, lines.line(sql.indexOf("SELECT 2")));
    }

    @Test
    void templatePlaceholdersAreOneToken() {
        List<Token> t = Lexer.tokenize("ALTER TABLE {{ index .Options \"Namespace\" }}.users ADD x int;", Dialect.POSTGRESQL);
        assertEquals(TokenType.TEMPLATE, t.get(2).type());
        assertFalse(t.stream().anyMatch(Token::unterminated));
    }

    @Test
    void flywayPlaceholdersArePartOfTheirWord() {
        // Flyway and Liquibase put a name at ${...} before the database sees the file.
        List<Token> t = Lexer.tokenize("CREATE INDEX ${table}_idx ON ${flyway:defaultSchema}.${table} (x);", Dialect.POSTGRESQL);
        assertEquals(List.of("CREATE", "INDEX", "${table}_idx", "ON", "${flyway:defaultSchema}", ".", "${table}", "(", "x", ")", ";"),
                t.stream().filter(x -> !x.isTrivia()).map(Token::text).toList());
        assertEquals(TokenType.WORD, t.stream().filter(x -> x.text().equals("${table}_idx")).findFirst().orElseThrow().type());
        // not a placeholder: a dollar quote, a positional parameter, a lone "${"
        assertEquals(TokenType.DOLLAR_STRING, Lexer.tokenize("SELECT $a${x}$a$;", Dialect.POSTGRESQL).get(1).type());
        assertEquals(TokenType.PARAMETER, Lexer.tokenize("SELECT $1;", Dialect.POSTGRESQL).get(1).type());
        assertFalse(Lexer.tokenize("SELECT ${ x;", Dialect.POSTGRESQL).stream().anyMatch(x -> x.text().startsWith("${")));
        ParsedFile f = new SqlFrontEnd().parse(SourceFile.ofText("R__schema.sql",
                "CREATE TABLE IF NOT EXISTS ${tableName} (id varchar(255) NOT NULL);\nALTER TABLE ${schema}.users ADD COLUMN x int;"),
                Dialect.POSTGRESQL);
        assertEquals(List.of("create-table", "add-column"), f.statements().stream()
                .map(st -> OperationCatalog.get().kindName(st.operations().get(0).operation())).toList());
    }

    @Test
    void emptyStatementsLeaveTheirSemicolonsInTheGaps() {
        String sql = ";;SELECT 1;;\n;";
        List<Statement> st = split(sql, Dialect.POSTGRESQL);
        assertEquals(1, st.size());
        assertEquals("SELECT 1;", st.get(0).text(sql));
    }
}
