package dev.migralint.cli;

import dev.migralint.Corpus;
import dev.migralint.sql.AstDemand;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data statements (UPDATE, DELETE, INSERT) are never sent to JSqlParser for the bundled rules: {@link AstDemand}
 * lists no fact of theirs as one the AST could read differently. This holds only while the token recognizer reads
 * them exactly as JSqlParser does, which this test checks on every such statement of the shared corpus that
 * JSqlParser parses: the same operations with the same facts.
 */
class TokenAstAgreementCorpusTest {
    private static final Set<String> DATA_KINDS = Set.of("update", "delete", "insert");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void tokensReadDataStatementsAsJsqlParserDoes() throws Exception {
        Path corpus = Corpus.dir();
        ProjectLayout layout = new ProjectLayout(null, null);
        SqlFrontEnd eager = new SqlFrontEnd(AstDemand.ALWAYS);
        SqlFrontEnd tokens = new SqlFrontEnd(false);
        OperationCatalog catalog = OperationCatalog.get();
        Map<String, Integer> compared = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        for (Path p : Corpus.sqlFiles()) {
            String rel = corpus.relativize(p).toString().replace('\\', '/');
            String text;
            try {
                text = Files.readString(p);
            } catch (java.io.IOException e) {
                continue; // not UTF-8: the run reports it as a file problem, nothing is parsed
            }
            Dialect dialect = layout.dialect(p, rel, text);
            SourceFile source = SourceFile.of(p, rel, text);
            List<ParsedStatement> byAst = eager.parse(source, dialect).statements();
            List<ParsedStatement> byTokens = tokens.parse(source, dialect).statements();
            for (int i = 0; i < byAst.size(); i++) {
                ParsedStatement a = byAst.get(i);
                if (!a.parsedByJsql()) {
                    continue;
                }
                String kind = catalog.kindName(a.operations().get(0).operation());
                if (!DATA_KINDS.contains(kind)) {
                    continue;
                }
                compared.merge(kind, 1, Integer::sum);
                String ast = facts(catalog, a);
                String tok = facts(catalog, byTokens.get(i));
                if (!ast.equals(tok)) {
                    differences.add(rel + " statement " + i + ": " + a.statement().body(text).strip()
                            + "\n  JSqlParser: " + ast + "\n  tokens:     " + tok);
                }
            }
        }
        System.out.println("token recognizer vs JSqlParser, statements compared: " + compared);
        assertTrue(compared.getOrDefault("insert", 0) > 100 && compared.getOrDefault("update", 0) > 100,
                "the corpus should exercise both: " + compared);
        assertTrue(differences.isEmpty(), differences.size() + " statements differ:\n"
                + String.join("\n", differences.subList(0, Math.min(10, differences.size()))));
    }

    private static String facts(OperationCatalog catalog, ParsedStatement st) {
        List<String> out = new ArrayList<>();
        st.operations().forEach(o -> out.add(catalog.kindName(o.operation()) + new TreeMap<>(catalog.facts(o.operation()))));
        return out.toString();
    }
}
