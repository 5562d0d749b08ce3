package dev.migralint.plan;

/** Writes the names the operation model carries (quotes removed, unquoted parts folded) back as SQL. */
final class Sql {
    private Sql() {
    }

    /** A name, each dotted part double-quoted: the model keeps names as Postgres stores them, so quoting is exact. */
    static String name(String name) {
        if (name == null) {
            return "\"?\"";
        }
        StringBuilder b = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return b.toString();
    }

    /** The schema part of a qualified name with a trailing dot, or "" for an unqualified one. */
    static String schemaOf(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot + 1);
    }

    /** {@code other} in the schema of {@code sibling}: an index or a renamed table lives beside its table. */
    static String beside(String sibling, String other) {
        return other == null || other.contains(".") ? other : schemaOf(sibling) + other;
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
