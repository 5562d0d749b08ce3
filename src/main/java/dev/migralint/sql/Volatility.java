package dev.migralint.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a DEFAULT expression may be volatile. Postgres 11+ adds a column with a non-volatile default without
 * rewriting the table; a volatile one (random(), gen_random_uuid(), clock_timestamp(), nextval()) still rewrites it.
 * Functions we do not know are treated as volatile: a false alarm is cheaper than a surprise table rewrite.
 */
public final class Volatility {
    private static final Set<String> NON_VOLATILE = Set.of(
            "now", "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime",
            "transaction_timestamp", "statement_timestamp", "current_user", "session_user", "current_schema",
            "lower", "upper", "coalesce", "nullif", "greatest", "least", "length", "concat", "array", "row",
            "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb", "to_json",
            "make_interval", "interval", "timezone", "date_trunc", "abs", "round", "cast", "to_timestamp",
            "to_char", "to_date", "array_length", "cardinality", "trim", "btrim", "ltrim", "rtrim", "replace",
            "substring", "substr", "format", "md5", "encode", "decode", "pg_catalog.now", "int4range", "tstzrange",
            "numrange", "daterange", "int8range", "tsrange", "array_fill", "jsonb_object", "json_object",
            "current_setting", "inet", "uuid", "point", "empty_array", "nextval_if_absent");
    private static final Set<String> KEYWORD_VALUES = Set.of(
            "null", "true", "false", "current_timestamp", "current_date", "current_time", "localtimestamp",
            "localtime", "current_user", "session_user", "user", "current_role", "interval", "array", "cast",
            "timestamp", "date", "time", "now", "collate", "at", "zone", "and", "or", "not", "is",
            "default", "b", "x", "e", "n", "on", "update", "with", "without", "varchar", "character", "varying",
            "text", "integer", "int", "bigint", "jsonb", "json", "boolean", "numeric", "uuid");

    private Volatility() {
    }

    /** True when the expression calls a function not known to be stable or immutable. */
    public static boolean mayBeVolatile(List<Token> expression) {
        for (int i = 0; i < expression.size(); i++) {
            Token t = expression.get(i);
            if (t.type() != TokenType.WORD && t.type() != TokenType.QUOTED_IDENT) {
                continue;
            }
            Token next = i + 1 < expression.size() ? expression.get(i + 1) : null;
            boolean call = next != null && next.type() == TokenType.LPAREN;
            if (!call) {
                continue;
            }
            String name = t.identifier().toLowerCase(Locale.ROOT);
            // A type modifier like varchar(20) after a cast is not a call.
            Token prev = i > 0 ? expression.get(i - 1) : null;
            if (prev != null && "::".equals(prev.text())) {
                continue;
            }
            if (prev != null && prev.type() == TokenType.DOT) {
                Token schema = i > 1 ? expression.get(i - 2) : null;
                name = (schema == null ? "" : schema.identifier().toLowerCase(Locale.ROOT) + ".") + name;
                if (name.startsWith("pg_catalog.")) {
                    name = name.substring("pg_catalog.".length());
                }
            }
            if (!NON_VOLATILE.contains(name) && !KEYWORD_VALUES.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
