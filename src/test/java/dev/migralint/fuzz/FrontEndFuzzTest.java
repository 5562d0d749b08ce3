package dev.migralint.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.migralint.sql.AstDemand;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Lexer;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.Statement;
import dev.migralint.sql.StatementSplitter;
import dev.migralint.sql.Token;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz tests of the SQL front end: any text, in any dialect, lexes into tokens with exact spans, splits into
 * statements in order, and parses into operations with spans inside the text, without an exception.
 *
 * <p>{@code mvn test} replays the seeds under {@code src/test/resources/dev/migralint/fuzz/FrontEndFuzzTestInputs/}
 * (Jazzer's regression mode); {@code JAZZER_FUZZ=1 mvn test -Dtest=FrontEndFuzzTest#...} fuzzes (see bench/README.md).
 */
class FrontEndFuzzTest {
    private static final Dialect[] DIALECTS = Dialect.values();

    @FuzzTest(maxDuration = "10m")
    void lexer(FuzzedDataProvider data) {
        Dialect dialect = data.pickValue(DIALECTS);
        String text = data.consumeRemainingAsString();
        checkTokens(text, Lexer.tokenize(text, dialect));
    }

    @FuzzTest(maxDuration = "10m")
    void splitter(FuzzedDataProvider data) {
        Dialect dialect = data.pickValue(DIALECTS);
        String text = data.consumeRemainingAsString();
        List<Token> tokens = Lexer.tokenize(text, dialect);
        List<Statement> statements = StatementSplitter.split(text, tokens);
        int previousEnd = 0;
        for (int i = 0; i < statements.size(); i++) {
            Statement st = statements.get(i);
            assertEquals(i, st.index());
            assertTrue(st.span().start() >= previousEnd, "statements overlap");
            assertTrue(st.span().end() <= text.length() && st.span().start() <= st.span().end(), "span out of the text");
            assertEquals(previousEnd, st.leading().start(), "the gap before a statement starts where the last ended");
            assertFalse(st.tokens().isEmpty(), "a statement has tokens");
            for (Token t : st.tokens()) {
                assertTrue(t.start() >= st.span().start() && t.end() <= st.span().end(), "token outside its statement");
            }
            previousEnd = st.span().end();
        }
    }

    @FuzzTest(maxDuration = "10m")
    void parser(FuzzedDataProvider data) {
        Dialect dialect = data.pickValue(DIALECTS);
        boolean eager = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        SqlFrontEnd frontEnd = eager ? new SqlFrontEnd(AstDemand.ALWAYS) : new SqlFrontEnd(AstDemand.UNRECOGNIZED_ONLY);
        ParsedFile parsed = frontEnd.parse(SourceFile.ofText("fuzz.sql", text), dialect);
        for (ParsedStatement st : parsed.statements()) {
            assertFalse(st.operations().isEmpty(), "every statement gives at least one operation (unknown at worst)");
            for (ParsedOperation op : st.operations()) {
                assertTrue(op.span().start() >= 0 && op.span().end() <= text.length()
                        && op.span().start() <= op.span().end(), "operation span out of the text");
            }
        }
    }

    static void checkTokens(String text, List<Token> tokens) {
        int previousEnd = 0;
        for (Token t : tokens) {
            assertTrue(t.start() >= previousEnd, "tokens overlap or go backwards");
            assertTrue(t.end() > t.start() && t.end() <= text.length(), "empty token or token past the end");
            assertEquals(text.substring(t.start(), t.end()), t.text(), "token text is its span");
            for (int i = previousEnd; i < t.start(); i++) {
                assertTrue(Character.isWhitespace(text.charAt(i)), "only whitespace between tokens");
            }
            previousEnd = t.end();
        }
        for (int i = previousEnd; i < text.length(); i++) {
            assertTrue(Character.isWhitespace(text.charAt(i)), "only whitespace after the last token");
        }
    }
}
