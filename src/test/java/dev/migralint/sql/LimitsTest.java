package dev.migralint.sql;

import dev.migralint.sql.op.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pathological statements: each gets a clear answer quickly, never a stack overflow or a hang. */
class LimitsTest {
    private static ParsedStatement parseOne(String sql) {
        ParsedFile f = new SqlFrontEnd(AstDemand.ALWAYS).parse(SourceFile.ofText("limits.sql", sql), Dialect.POSTGRESQL);
        assertEquals(1, f.statements().size());
        return f.statements().get(0);
    }

    private static String nested(int depth, String inner) {
        return "(".repeat(depth) + inner + ")".repeat(depth);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void tenThousandNestedParenthesesAreRefusedByDepthNotByStackOverflow() {
        ParsedStatement update = parseOne("UPDATE t SET a = " + nested(10_000, "1") + " WHERE b = 1;");
        assertInstanceOf(Operation.Update.class, update.operations().get(0).operation(), "the tokens still read it");
        assertTrue(update.parseError().contains("nested deeper than " + JsqlFrontEnd.MAX_NESTING), update.parseError());

        for (String sql : new String[] {
                "SELECT " + nested(10_000, "1") + ";",
                "CREATE TABLE t (a int DEFAULT " + nested(10_000, "1") + ", b text);",
                "ALTER TABLE t ADD COLUMN a int DEFAULT " + nested(10_000, "1") + ";",
                "CREATE INDEX i ON t (" + nested(10_000, "a") + ");",
                "INSERT INTO t VALUES " + nested(10_000, "1") + ";",
                "DO $$ " + nested(10_000, "") + " $$;",
                nested(10_000, "SELECT 1") + ";"}) {
            ParsedStatement st = parseOne(sql);
            assertTrue(!st.operations().isEmpty(), sql.substring(0, 30));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFiveMegabyteStatementIsReadByTheTokensAlone() {
        StringBuilder b = new StringBuilder("INSERT INTO events (id, payload) VALUES ");
        int row = 0;
        while (b.length() < 5_000_000) {
            b.append('(').append(row++).append(", 'payload number ").append(row).append("'),\n");
        }
        b.append("(0, 'last');");
        ParsedStatement st = parseOne(b.toString());
        assertInstanceOf(Operation.Insert.class, st.operations().get(0).operation());
        assertTrue(st.parseError() == null || st.parseError().contains("longer than " + JsqlFrontEnd.MAX_LENGTH),
                String.valueOf(st.parseError()));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFiveMegabyteUnterminatedStringIsOneProblemNotAHang() {
        ParsedFile f = new SqlFrontEnd(AstDemand.ALWAYS).parse(SourceFile.ofText("limits.sql",
                "SELECT 1;\nINSERT INTO t VALUES ('" + "x".repeat(5_000_000)), Dialect.POSTGRESQL);
        Operation last = f.statements().get(f.statements().size() - 1).operations().get(0).operation();
        assertInstanceOf(Operation.FileProblem.class, last);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void manyStatementsStayLinear() {
        String sql = "ALTER TABLE t ADD COLUMN c int;\n".repeat(100_000);
        long start = System.nanoTime();
        ParsedFile f = new SqlFrontEnd(AstDemand.ALWAYS).parse(SourceFile.ofText("limits.sql", sql), Dialect.POSTGRESQL);
        assertEquals(100_000, f.statements().size());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
    }
}
