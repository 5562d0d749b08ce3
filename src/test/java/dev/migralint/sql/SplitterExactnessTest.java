package dev.migralint.sql;

import dev.migralint.Corpus;
import dev.migralint.workspace.ProjectLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * For every corpus file: statement spans are ordered and disjoint, the statements plus the text between them
 * reproduce the file character for character, and the text between statements holds nothing but whitespace,
 * comments and empty-statement semicolons — so no code is ever lost between statements.
 */
class SplitterExactnessTest {

    @Test
    void statementsAndGapsReproduceEveryCorpusFile() throws IOException {
        ProjectLayout layout = new ProjectLayout(null, null);
        List<Path> files = Corpus.sqlFiles();
        int statements = 0;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            Dialect dialect = layout.dialect(file, file.toString(), text);
            List<Token> tokens = Lexer.tokenize(text, dialect);
            List<Statement> split = StatementSplitter.split(text, tokens);
            statements += split.size();
            StringBuilder rebuilt = new StringBuilder();
            int pos = 0;
            for (Statement st : split) {
                assertTrue(st.span().start() >= pos, file + ": statement " + st.index() + " overlaps the previous one");
                String gap = text.substring(pos, st.span().start());
                assertGapIsTrivia(file, gap, dialect);
                assertEquals(new Span(pos, st.span().start()), st.leading(), file + ": leading span of statement " + st.index());
                rebuilt.append(gap).append(st.text(text));
                pos = st.span().end();
            }
            String tail = text.substring(pos);
            assertGapIsTrivia(file, tail, dialect);
            rebuilt.append(tail);
            if (!rebuilt.toString().equals(text)) {
                fail(file + ": statements and gaps do not reproduce the file");
            }
        }
        System.out.printf("splitter: %d corpus files, %d statements, all reproduced exactly%n", files.size(), statements);
        assertTrue(files.size() > 3000, "expected the whole corpus, found " + files.size());
    }

    private static void assertGapIsTrivia(Path file, String gap, Dialect dialect) {
        for (Token t : Lexer.tokenize(gap, dialect)) {
            if (!t.isTrivia() && t.type() != TokenType.SEMICOLON) {
                fail(file + ": code outside any statement: '" + t.text() + "'");
            }
        }
    }
}
