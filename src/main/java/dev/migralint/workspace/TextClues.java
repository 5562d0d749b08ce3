package dev.migralint.workspace;

import java.util.Locale;

/**
 * What runner detection ({@link ProjectLayout#framework}) reads of a file's text. The result cache keeps these few
 * bits with a file's stat data, so that an unchanged file is placed in its history without being read.
 */
public record TextClues(boolean dbmateMarker, boolean liquibaseHeader, boolean noTransactionHeader,
                        boolean statementBreakpoint, boolean graphilePrevious) {
    /** Detection looks at this many chars from the start; statement breakpoints anywhere. */
    static final int HEAD = 2000;

    public static TextClues of(String text) {
        String head = text.length() > HEAD ? text.substring(0, HEAD) : text;
        return new TextClues(head.contains("-- migrate:up") || head.contains("--migrate:up"),
                liquibaseHeader(head),
                head.startsWith("-- no-transaction"), text.contains("--> statement-breakpoint"),
                head.startsWith("--! Previous:"));
    }

    public int bits() {
        return (dbmateMarker ? 1 : 0) | (liquibaseHeader ? 2 : 0) | (noTransactionHeader ? 4 : 0)
                | (statementBreakpoint ? 8 : 0) | (graphilePrevious ? 16 : 0);
    }

    public static TextClues ofBits(int bits) {
        return new TextClues((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0);
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
