package dev.migralint.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Liquibase's --rollback lines exposed as SQL at their own offsets, only in formatted SQL files. */
class LiquibaseRollbackTest {
    private static List<String> statements(String text) {
        ParsedFile f = new SqlFrontEnd().parse(SourceFile.ofText("changelog.sql", text), Dialect.POSTGRESQL);
        return f.statements().stream().map(s -> s.statement().span())
                .map(sp -> text.substring(sp.start(), sp.end()).strip()).toList();
    }

    @Test
    void rollbackLinesBecomeStatementsWithTheirOwnOffsets() {
        String text = "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);\n"
                + "--rollback DROP TABLE t;\n";
        String exposed = LiquibaseRollback.expose(text);
        assertEquals(text.length(), exposed.length());
        assertEquals(text.indexOf("DROP"), exposed.indexOf("DROP"));
        assertEquals(List.of("CREATE TABLE t (id int);", "DROP TABLE t;"), statements(text));
        assertEquals(List.of(new LiquibaseRollback.Run(text.indexOf("--rollback"), text.length())),
                LiquibaseRollback.runs(text));
    }

    @Test
    void aRollbackWithoutSemicolonEndsAtItsLastLine() {
        String text = "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);\n"
                + "-- Rollback DROP TABLE t\n--changeset a:2\nCREATE TABLE u (id int);\n";
        assertEquals(List.of("CREATE TABLE t (id int);", "DROP TABLE t", "CREATE TABLE u (id int);"),
                statements(text));
    }

    @Test
    void consecutiveLinesAreOneRollbackAndEmptyOrNotRequiredAreNone() {
        String text = "--liquibase formatted sql\r\n--changeset a:1\r\nCREATE TABLE t (id int);\r\n"
                + "--rollback DROP\r\n--rollback TABLE t;\r\n--changeset a:2\r\nSELECT 1;\r\n--rollback empty\r\n"
                + "--changeset a:3\r\nSELECT 2;\r\n--rollback not required\r\n";
        List<LiquibaseRollback.Run> runs = LiquibaseRollback.runs(text);
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(text.indexOf("--rollback DROP"), runs.get(0).start());
        assertEquals(text.indexOf("--changeset a:2"), runs.get(0).end());
        assertEquals(List.of("CREATE TABLE t (id int);", "DROP\r\n--rollback TABLE t;", "SELECT 1;", "SELECT 2;"),
                statements(text));
    }

    @Test
    void aMultiLineRollbackBlockIsExposedLikeRollbackLines() {
        // AbstractFormattedChangeLogParser: ROLLBACK_MULTI_LINE_START_REGEX "\\s*/\\*\\s*liquibase\\s*rollback\\s*$",
        // extractMultiLineRollBack reads up to the line ending with the comment's end, whose text before it counts
        String text = "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);\nCREATE TABLE u (id int);\n"
                + "/* Liquibase Rollback\nDROP TABLE u;\nDROP TABLE t */\n--changeset a:2\nSELECT 1;\n"
                + "/* liquibase rollback\nempty\n*/\n";
        String exposed = LiquibaseRollback.expose(text);
        assertEquals(text.length(), exposed.length());
        assertEquals(text.indexOf("DROP TABLE u"), exposed.indexOf("DROP TABLE u"));
        assertEquals(List.of("CREATE TABLE t (id int);", "CREATE TABLE u (id int);", "DROP TABLE u;",
                "DROP TABLE t *" /* the original text up to the terminator the comment's end became */,
                "SELECT 1;"), statements(text));
        int block = text.indexOf("/* Liquibase");
        assertEquals(List.of(new LiquibaseRollback.Run(block, text.indexOf("--changeset a:2"))),
                LiquibaseRollback.runs(text), "an empty rollback block is no rollback");
    }

    @Test
    void anUnclosedRollbackBlockStaysAComment() {
        String text = "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);\n/* liquibase rollback\n"
                + "DROP TABLE t;\n";
        assertEquals(List.of(), LiquibaseRollback.runs(text));
        assertSame(text, LiquibaseRollback.expose(text), "Liquibase refuses it; migralint leaves the comment alone");
    }

    @Test
    void otherFilesKeepTheirComments() {
        String text = "CREATE TABLE t (id int);\n--rollback DROP TABLE t;\n";
        assertSame(text, LiquibaseRollback.expose(text));
        assertEquals(List.of(), LiquibaseRollback.runs(text));
        assertEquals(List.of("CREATE TABLE t (id int);"), statements(text));
    }
}
