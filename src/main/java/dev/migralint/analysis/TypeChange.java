package dev.migralint.analysis;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knows which ALTER COLUMN ... TYPE changes Postgres makes without rewriting the table: those where the old type is
 * binary-coercible to the new one and no constraint gets tighter (varchar(n) → varchar(m ≥ n) or text,
 * numeric(p,s) → numeric(q ≥ p, s), varbit(n) → varbit(m ≥ n), cidr → inet).
 */
public final class TypeChange {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern ZONED = Pattern.compile("(timestamp|time)(\\(\\d+\\))? with(out)? time zone");
    private static final Pattern SIZED = Pattern.compile("([a-z ]+?)\\s*(?:\\((\\d+)(?:\\s*,\\s*(\\d+))?\\))?(\\[\\])?");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
            Map.entry("character", "char"), Map.entry("bpchar", "char"),
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("decimal", "numeric"), Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"), Map.entry("float4", "real"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("bit varying", "varbit"), Map.entry("time without time zone", "time"),
            Map.entry("time with time zone", "timetz"), Map.entry("serial", "integer"), Map.entry("bigserial", "bigint"),
            Map.entry("serial4", "integer"), Map.entry("serial8", "bigint"), Map.entry("smallserial", "smallint"));

    private TypeChange() {
    }

    /** A type as a base name plus optional size arguments, aliases folded. */
    record Parsed(String base, Integer size, Integer scale, boolean array) {
        // Written out: a record's generated equals is linked on first use, spinning method-handle classes that no
        // start-up archive of JDK 17 keeps, in the analysis of every ALTER COLUMN ... TYPE.
        @Override
        public boolean equals(Object o) {
            return o instanceof Parsed p && base.equals(p.base) && Objects.equals(size, p.size)
                    && Objects.equals(scale, p.scale) && array == p.array;
        }

        @Override
        public int hashCode() {
            return Objects.hash(base, size, scale, array);
        }
    }

    static Parsed parse(String type) {
        if (type == null) {
            return null;
        }
        String t = WHITESPACE.matcher(type.toLowerCase(Locale.ROOT).trim()).replaceAll(" ");
        if (t.startsWith("pg_catalog.")) {
            t = t.substring("pg_catalog.".length());
        }
        // "timestamp(3) with time zone" keeps its precision before the zone words.
        Matcher tz = ZONED.matcher(t);
        if (tz.matches()) {
            t = tz.group(1) + (tz.group(3) == null ? "tz" : "") + (tz.group(2) == null ? "" : tz.group(2));
        }
        Matcher m = SIZED.matcher(t);
        if (!m.matches()) {
            return new Parsed(t, null, null, false);
        }
        String base = m.group(1).trim();
        base = ALIASES.getOrDefault(base, base);
        Integer size = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return new Parsed(base, size, scale, m.group(4) != null);
    }

    /** Canonical spelling of a type, e.g. "character varying(20)" → "varchar(20)". */
    public static String canonical(String type) {
        Parsed p = parse(type);
        if (p == null) {
            return null;
        }
        return p.base() + (p.size() == null ? "" : "(" + p.size() + (p.scale() == null ? "" : "," + p.scale()) + ")")
                + (p.array() ? "[]" : "");
    }

    /** True when changing a column from {@code from} to {@code to} needs no table rewrite in Postgres. */
    public static boolean isRewriteFree(String from, String to) {
        Parsed a = parse(from);
        Parsed b = parse(to);
        if (a == null || b == null) {
            return false;
        }
        if (a.array() != b.array()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        String x = a.base();
        String y = b.base();
        if (x.equals("varchar") && y.equals("text")) {
            return true;
        }
        if (x.equals("text") && y.equals("varchar") && b.size() == null) {
            return true;
        }
        if ((x.equals("varchar") || x.equals("varbit")) && x.equals(y)) {
            return b.size() == null || (a.size() != null && b.size() >= a.size());
        }
        if (x.equals("numeric") && y.equals("numeric")) {
            if (b.size() == null) {
                return true;
            }
            return a.size() != null && b.size() >= a.size() && Objects.equals(
                    a.scale() == null ? 0 : a.scale(), b.scale() == null ? 0 : b.scale());
        }
        if (x.equals("cidr") && y.equals("inet")) {
            return true;
        }
        // timestamp precision can only grow without a rewrite when both are the same kind.
        if ((x.equals("timestamp") || x.equals("timestamptz") || x.equals("time") || x.equals("interval")) && x.equals(y)) {
            return b.size() == null || (a.size() != null && b.size() >= a.size());
        }
        return false;
    }
}
