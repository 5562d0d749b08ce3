package dev.migralint.sql;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which statements are worth a JSqlParser parse. The token recognizer always runs and already gives every
 * operation the AST would give, with the same kinds and, for most facts, the same values: the facts it reads from
 * keywords (table and index names, IF [NOT] EXISTS, CONCURRENTLY, UNIQUE, CASCADE, TEMPORARY, ...). The AST is the
 * better source only for the structural facts listed in {@link #REFINED}; a statement is parsed when some consumer
 * reads one of those facts on one of its operations' kinds, or when the tokens did not recognize it at all (the AST
 * may still understand it, where the alternative is an {@code unknown} operation).
 *
 * <p>Parsing a statement costs an order of magnitude more than lexing, splitting and recognizing it (figures in
 * bench/README.md), so a run that skips the statements no rule can tell apart saves most of its front-end time.
 */
@FunctionalInterface
public interface AstDemand {

    /**
     * Per kind the AST can produce: the facts whose value may depend on the AST rather than the tokens. "*" means every
     * fact. Kinds not listed (drop-table, drop-index, truncate, update, delete, insert) have no such facts: their facts
     * are all read from keywords. Context facts that are computed from such facts count too: a CREATE TABLE's lock depends on
     * {@code partition-of}. The table is checked against the whole shared corpus by LazyParseCorpusTest, which lints it
     * with every parse and with the lazy ones and requires the same findings.
     */
    Map<String, Set<String>> REFINED = Map.of(
            "create-index", Set.of("method", "columns", "partial"),
            "create-table", Set.of("as-select", "partition-of", "column-count", "has-primary-key",
                    "lock", "blocks", "scans-table", "rewrites-table"),
            // Column definitions and table constraints: the mapper re-lexes JSqlParser's printed type and specs and
            // reads them with the recognizer's own logic, so both front ends agree (on the shared corpus: all 9,618
            // columns, every fact, but one MySQL column whose CHARACTER SET JSqlParser folds into the type).
            "create-table-column", Set.of(),
            "table-constraint", Set.of());
    // UPDATE, DELETE and INSERT are absent: the tokens read has-where and from-select as the AST does (the corpus's
    // every such statement: TokenAstAgreementCorpusTest), so the bundled rules never load JSqlParser for them.

    /** The kinds of operations the AST gives for each statement class that {@link SqlFrontEnd} parses. */
    Map<String, Set<String>> AST_KINDS = Map.of(
            "create table", Set.of("create-table", "create-table-column", "table-constraint"),
            "create index", Set.of("create-index"),
            "drop table", Set.of("drop-table"),
            "drop index", Set.of("drop-index"),
            "truncate", Set.of("truncate"),
            "update", Set.of("update"),
            "delete", Set.of("delete"),
            "insert", Set.of("insert"));

    /** Parse every statement of a class JSqlParser is used for (the reference behaviour; tests compare against it). */
    AstDemand ALWAYS = kind -> true;

    /** Parse only what the tokens could not recognize. */
    AstDemand UNRECOGNIZED_ONLY = kind -> false;

    /** True when a consumer reads a fact of this kind whose value the AST may determine. */
    boolean needs(String kind);

    /**
     * The demand of a set of rules, given the facts they read per kind (in their conditions and messages).
     *
     * @param factsRead kind → names of the facts read on operations of that kind (empty when nothing reads the kind)
     */
    static AstDemand forFactsRead(Function<String, Set<String>> factsRead) {
        return kind -> {
            Set<String> refined = REFINED.get(kind);
            if (refined == null) {
                return false;
            }
            Set<String> read = factsRead.apply(kind);
            if (read == null || read.isEmpty()) {
                return false;
            }
            return refined.contains("*") || read.contains("*") || !Collections.disjoint(read, refined);
        };
    }

    /**
     * Whether a statement of this class ({@link #AST_KINDS} key) whose tokens gave these operation kinds needs the AST:
     * when the tokens gave nothing, gave a kind the AST would not (so they may have misjudged the shape), or gave a
     * kind whose refined facts are read.
     */
    static boolean needed(AstDemand demand, String statementClass, List<String> tokenKinds) {
        if (tokenKinds.isEmpty()) {
            return true;
        }
        Set<String> expected = AST_KINDS.get(statementClass);
        if (expected == null) {
            return true;
        }
        for (String k : tokenKinds) {
            if (!expected.contains(k)) {
                return true;
            }
        }
        for (String k : expected) {
            if (demand.needs(k)) {
                return true;
            }
        }
        return false;
    }
}
