package dev.migralint.sql;

import dev.migralint.sql.op.OperationCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Volatility of DEFAULT expressions. Regression: a duplicate entry in Volatility's keyword set made its static
 * initializer throw, so every column with a DEFAULT crashed the token recognizer with ExceptionInInitializerError.
 */
class VolatilityTest {

    private static List<Token> code(String expr) {
        return Lexer.tokenize(expr, Dialect.POSTGRESQL).stream().filter(t -> !t.isTrivia()).toList();
    }

    @Test
    void knownStableAndConstantDefaultsAreNotVolatile() {
        for (String expr : List.of("now()", "CURRENT_TIMESTAMP", "'pending'", "0", "true", "'{}'::jsonb",
                "(now() + interval '1 day')", "'x'::character varying", "current_timestamp(3)", "pg_catalog.now()")) {
            assertFalse(Volatility.mayBeVolatile(code(expr)), expr);
        }
    }

    @Test
    void volatileAndUnknownFunctionsAreVolatile() {
        for (String expr : List.of("gen_random_uuid()", "random()", "clock_timestamp()", "nextval('s')",
                "uuid_generate_v4()", "my_schema.make_id()")) {
            assertTrue(Volatility.mayBeVolatile(code(expr)), expr);
        }
    }

    private static Map<String, Object> onlyFacts(String sql) {
        ParsedFile file = new SqlFrontEnd().parse(SourceFile.ofText("t.sql", sql), Dialect.POSTGRESQL);
        assertEquals(1, file.statements().size());
        List<ParsedOperation> ops = file.statements().get(0).operations();
        assertEquals(1, ops.size());
        return OperationCatalog.get().facts(ops.get(0).operation());
    }

    @Test
    void addColumnWithDefaultIsRecognizedWithoutCrashing() {
        Map<String, Object> volatileDefault = onlyFacts(
                "ALTER TABLE \"User\" ADD COLUMN \"publicId\" UUID NOT NULL DEFAULT gen_random_uuid();");
        assertEquals("publicId", volatileDefault.get("column"));
        assertEquals(true, volatileDefault.get("has-default"));
        assertEquals("gen_random_uuid()", volatileDefault.get("default"));
        assertEquals(true, volatileDefault.get("default-volatile"));
        assertEquals(true, volatileDefault.get("not-null"));

        Map<String, Object> constant = onlyFacts("alter table public.orders add column status text not null default 'pending';");
        assertEquals(true, constant.get("has-default"));
        assertEquals(false, constant.get("default-volatile"));
    }

    @Test
    void createTableColumnWithDefaultIsRecognizedWithoutCrashing() {
        ParsedFile file = new SqlFrontEnd().parse(SourceFile.ofText("t.sql",
                "CREATE TABLE api_keys (id bigint PRIMARY KEY, token uuid NOT NULL DEFAULT gen_random_uuid(), "
                        + "created_at timestamptz NOT NULL DEFAULT now());"), Dialect.POSTGRESQL);
        List<Map<String, Object>> columns = file.statements().get(0).operations().stream()
                .map(o -> OperationCatalog.get().facts(o.operation()))
                .filter(f -> f.containsKey("column"))
                .toList();
        assertEquals(3, columns.size());
        assertEquals(true, columns.get(1).get("default-volatile"));
        assertEquals(false, columns.get(2).get("default-volatile"));
    }
}
