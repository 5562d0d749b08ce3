package dev.migralint.workspace;

import java.util.List;
import java.util.Locale;

/**
 * What runner and dialect detection read of a file's text, as named bits. The result cache keeps these bits with a
 * file's stat data, so that an unchanged file is placed in its history without being read. Runner descriptors name
 * the clues they need ({@code detect: text:}).
 */
public record TextClues(int bits) {
    /** Detection looks at this many chars from the start; statement breakpoints anywhere. */
    static final int HEAD = 2000;

    /** The clue names, in bit order. */
    public static final List<String> NAMES = List.of("dbmate-marker", "liquibase-header", "no-transaction-header",
            "statement-breakpoint", "graphile-previous", "goose-marker", "node-pg-migrate-marker", "clickhouse-engine",
            "graphile-no-transaction", "sql-migrate-marker", "tern-separator");

    public static TextClues of(String text) {
        String head = text.length() > HEAD ? text.substring(0, HEAD) : text;
        String lowerHead = head.toLowerCase(Locale.ROOT);
        int b = 0;
        b |= bit(head.contains("-- migrate:up") || head.contains("--migrate:up"), 0);
        b |= bit(liquibaseHeader(head), 1);
        b |= bit(head.startsWith("-- no-transaction"), 2);
        b |= bit(text.contains("--> statement-breakpoint"), 3);
        b |= bit(head.startsWith("--! Previous:"), 4);
        b |= bit(lowerHead.contains("-- +goose up") || lowerHead.contains("--+goose up"), 5);
        b |= bit(lowerHead.contains("-- up migration"), 6);
        b |= bit(clickhouse(lowerHead), 7);
        b |= bit(lowerHead.startsWith("--! no-transaction"), 8);
        b |= bit(lowerHead.contains("-- +migrate up"), 9);
        // tern's separator sits after the up part, however long: looked for in the whole text.
        b |= bit(text.contains("---- create above / drop below ----"), 10);
        return new TextClues(b);
    }

    private static int bit(boolean on, int index) {
        return on ? 1 << index : 0;
    }

    public boolean has(String name) {
        int i = NAMES.indexOf(name);
        return i >= 0 && (bits & (1 << i)) != 0;
    }

    public static TextClues ofBits(int bits) {
        return new TextClues(bits);
    }

    public boolean dbmateMarker() {
        return has("dbmate-marker");
    }

    public boolean liquibaseHeader() {
        return has("liquibase-header");
    }

    public boolean noTransactionHeader() {
        return has("no-transaction-header");
    }

    public boolean statementBreakpoint() {
        return has("statement-breakpoint");
    }

    public boolean graphilePrevious() {
        return has("graphile-previous");
    }

    /** A ClickHouse table engine clause: no other dialect migralint knows writes {@code ENGINE = MergeTree} and kin. */
    private static boolean clickhouse(String lowerHead) {
        int i = lowerHead.indexOf("engine");
        while (i >= 0) {
            int j = i + 6;
            while (j < lowerHead.length() && (lowerHead.charAt(j) == ' ' || lowerHead.charAt(j) == '=')) {
                j++;
            }
            if (lowerHead.startsWith("mergetree", j) || lowerHead.startsWith("replacingmergetree", j)
                    || lowerHead.startsWith("replicated", j) || lowerHead.startsWith("summingmergetree", j)
                    || lowerHead.startsWith("aggregatingmergetree", j) || lowerHead.startsWith("collapsingmergetree", j)
                    || lowerHead.startsWith("distributed(", j)) {
                return true;
            }
            i = lowerHead.indexOf("engine", j);
        }
        return false;
    }

    /** The first line is Liquibase's marker, compared case-insensitively (as the head lower-cased would). */
    private static boolean liquibaseHeader(String head) {
        String marker = "--liquibase formatted sql";
        for (int i = 0; i < Math.min(head.length(), marker.length()); i++) {
            if (head.charAt(i) >= 0x80) {
                // Lower-casing non-ASCII text may change its length: do exactly what the test always did.
                return head.toLowerCase(Locale.ROOT).startsWith(marker);
            }
        }
        return head.regionMatches(true, 0, marker, 0, marker.length());
    }
}
