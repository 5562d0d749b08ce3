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
                head.toLowerCase(Locale.ROOT).startsWith("--liquibase formatted sql"),
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
}
