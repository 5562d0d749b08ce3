package dev.migralint.analysis;

import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.op.OperationCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * old-type and rewrites-table for ALTER COLUMN ... TYPE on a table that is not new in the file (a new table is never
 * rewritten: nobody uses it yet). Regression: a USING expression was ignored, so a known rewrite-free type change that
 * computes new values (USING trim(x)) was reported as rewrite-free.
 */
class ColumnTypeChangeTest {

    private static AnalyzedOperation typeChange(String sql) {
        ParsedFile parsed = new SqlFrontEnd().parse(SourceFile.ofText("m.sql", sql), Dialect.POSTGRESQL);
        List<AnalyzedOperation> ops = new FileAnalyzer(AnalysisSettings.defaults()).analyze(parsed, null).operations();
        return ops.stream()
                .filter(o -> OperationCatalog.get().kindName(o.operation().operation()).equals("alter-column-type"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no alter-column-type"));
    }

    @Test
    void knownOldTypeMakesWideningRewriteFree() {
        AnalyzedOperation op = typeChange("ALTER TABLE accounts ADD COLUMN bio varchar(280);\n"
                + "ALTER TABLE accounts ALTER COLUMN bio TYPE text;");
        assertEquals("varchar(280)", op.context().get(ContextFacts.OLD_TYPE));
        assertEquals(false, op.context().get(ContextFacts.REWRITES_TABLE));
        assertEquals("ACCESS EXCLUSIVE", op.context().get(ContextFacts.LOCK));
    }

    @Test
    void narrowingOrUnknownOldTypeRewrites() {
        AnalyzedOperation narrowing = typeChange("ALTER TABLE accounts ADD COLUMN code varchar(3);\n"
                + "ALTER TABLE accounts ALTER COLUMN code TYPE char(2);");
        assertEquals("varchar(3)", narrowing.context().get(ContextFacts.OLD_TYPE));
        assertEquals(true, narrowing.context().get(ContextFacts.REWRITES_TABLE));

        AnalyzedOperation unknown = typeChange("ALTER TABLE \"User\" ALTER COLUMN \"age\" SET DATA TYPE BIGINT;");
        assertEquals(null, unknown.context().get(ContextFacts.OLD_TYPE));
        assertEquals(true, unknown.context().get(ContextFacts.REWRITES_TABLE));
    }

    @Test
    void usingExpressionCountsAsRewrite() {
        AnalyzedOperation op = typeChange("ALTER TABLE accounts ADD COLUMN bio varchar(280);\n"
                + "ALTER TABLE accounts ALTER COLUMN bio TYPE text USING trim(bio);");
        assertEquals("varchar(280)", op.context().get(ContextFacts.OLD_TYPE));
        assertEquals(true, op.context().get(ContextFacts.REWRITES_TABLE));
    }
}
