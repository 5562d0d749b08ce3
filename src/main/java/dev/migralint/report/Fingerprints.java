package dev.migralint.report;

import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Span;
import dev.migralint.sql.Token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fingerprints that identify a finding across commits: a hash of the rule id, the statement's code (tokens joined by
 * single spaces, comments and layout ignored), the operation's code, and how many identical ones come before it in
 * the file. No line numbers, no path: lines added above a statement keep its fingerprint, editing the statement
 * changes it.
 */
public final class Fingerprints {
    /** The SARIF partialFingerprints key (versioned, as SARIF recommends). */
    public static final String KEY = "migralintStatementHash/v1";

    private Fingerprints() {
    }

    /** Every finding of the file with its fingerprint (64 hex digits). */
    public static Map<Finding, String> of(FileResult file) {
        Map<Finding, String> out = new IdentityHashMap<>();
        List<Finding> ordered = new ArrayList<>(file.findings());
        ordered.sort(Comparator.comparingInt((Finding f) -> f.span().start()).thenComparingInt(f -> f.span().end())
                .thenComparing(Finding::ruleId));
        Map<String, Integer> seen = new HashMap<>();
        for (Finding f : ordered) {
            String key = f.ruleId() + "\u0000" + statementCode(file, f) + "\u0000" + operationCode(file, f);
            int occurrence = seen.merge(key, 1, Integer::sum) - 1;
            out.put(f, sha256(key + "\u0000" + occurrence));
        }
        return out;
    }

    /** The statement's code tokens joined by single spaces, or a stable stand-in for file-level findings. */
    static String statementCode(FileResult file, Finding f) {
        ParsedStatement st = statement(file, f);
        if (st != null) {
            return joinCode(st.statement().tokens(), null);
        }
        if (f.statementSpan() != null && f.statementSpan().length() > 0 && file.loaded().source() != null) {
            return normalise(text(file, f.statementSpan()));
        }
        // A finding about the whole file (it could not be read or decoded): the kind of problem, never a line number.
        String problem = file.loaded().problem();
        return "file:" + (problem != null ? problem : f.message().replaceAll("[0-9]+", "#"));
    }

    static String operationCode(FileResult file, Finding f) {
        ParsedStatement st = statement(file, f);
        if (st != null && f.span() != null) {
            return joinCode(st.statement().tokens(), f.span());
        }
        if (f.span() != null && f.span().length() > 0 && file.loaded().source() != null) {
            return normalise(text(file, f.span()));
        }
        return "";
    }

    private static ParsedStatement statement(FileResult file, Finding f) {
        if (file.analyzed() == null || f.statementIndex() < 0) {
            return null;
        }
        List<ParsedStatement> statements = file.analyzed().parsed().statements();
        if (f.statementIndex() >= statements.size()) {
            return null;
        }
        ParsedStatement st = statements.get(f.statementIndex());
        return st.statement().index() == f.statementIndex() ? st : null;
    }

    private static String joinCode(List<Token> tokens, Span within) {
        return tokens.stream()
                .filter(t -> !t.isTrivia())
                .filter(t -> within == null || (t.start() >= within.start() && t.end() <= within.end()))
                .map(Token::text)
                .collect(Collectors.joining(" "));
    }

    private static String text(FileResult file, Span span) {
        String text = file.loaded().source().text();
        int end = Math.min(span.end(), text.length());
        return text.substring(Math.min(span.start(), end), end);
    }

    static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(digest.length * 2);
            for (byte x : digest) {
                b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
