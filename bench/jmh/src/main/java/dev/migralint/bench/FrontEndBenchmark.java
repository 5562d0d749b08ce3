package dev.migralint.bench;

import dev.migralint.config.RuleOverrides;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.sql.AstDemand;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.JsqlFrontEnd;
import dev.migralint.sql.Lexer;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.Statement;
import dev.migralint.sql.StatementSplitter;
import dev.migralint.sql.Token;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The front end's stages over the Postgres migrations of the shared corpus (about 12,000 statements, 12 MB): one
 * operation is one pass over all of them. {@code -Dmigralint.corpus=DIR} points at the corpus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
public class FrontEndBenchmark {
    private final List<String> texts = new ArrayList<>();
    private final List<List<Token>> tokens = new ArrayList<>();
    private SqlFrontEnd lazy;
    private SqlFrontEnd eager;
    private SqlFrontEnd tokensOnly;

    @Setup
    public void load() throws Exception {
        Path corpus = Path.of(System.getProperty("migralint.corpus", "../shared/corpus"));
        try (Stream<Path> s = Files.walk(corpus)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String rel = corpus.relativize(p).toString();
                if (rel.endsWith(".sql") && !rel.matches(".*/(mysql|sqlite|clickhouse)/.*|.*riversqlite.*|openstatusHQ.*")) {
                    texts.add(Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no corpus at " + corpus + " (-Dmigralint.corpus=DIR)", e);
        }
        for (String t : texts) {
            tokens.add(Lexer.tokenize(t, Dialect.POSTGRESQL));
        }
        Linter linter = new Linter(RuleSet.bundled(), RuleOverrides.none());
        Set<String> demanded = new HashSet<>();
        AstDemand byFacts = AstDemand.forFactsRead(linter::factsRead);
        for (String kind : AstDemand.REFINED.keySet()) {
            if (byFacts.needs(kind)) {
                demanded.add(kind);
            }
        }
        lazy = new SqlFrontEnd(demanded::contains);
        eager = new SqlFrontEnd(AstDemand.ALWAYS);
        tokensOnly = new SqlFrontEnd(false);
    }

    @Benchmark
    public void lexer(Blackhole bh) {
        for (String t : texts) {
            bh.consume(Lexer.tokenize(t, Dialect.POSTGRESQL));
        }
    }

    @Benchmark
    public void splitter(Blackhole bh) {
        for (int i = 0; i < texts.size(); i++) {
            bh.consume(StatementSplitter.split(texts.get(i), tokens.get(i)));
        }
    }

    /** Lex, split, recognize; JSqlParser only where an enabled rule can see the difference (what check does). */
    @Benchmark
    public void parseLazy(Blackhole bh) {
        parseAll(lazy, bh);
    }

    /** Lex, split, recognize and JSqlParser on every statement class it maps (the behaviour before lazy parsing). */
    @Benchmark
    public void parseEager(Blackhole bh) {
        parseAll(eager, bh);
    }

    /** Lex, split, recognize, no JSqlParser at all: the floor. */
    @Benchmark
    public void parseTokensOnly(Blackhole bh) {
        parseAll(tokensOnly, bh);
    }

    private void parseAll(SqlFrontEnd frontEnd, Blackhole bh) {
        for (String t : texts) {
            ParsedFile f = frontEnd.parse(SourceFile.ofText("bench.sql", t), Dialect.POSTGRESQL);
            bh.consume(f);
        }
    }

    /** One typical statement through JSqlParser, constructed directly, with the watchdog: the per-parse cost. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object jsqlParserOneStatement() {
        return JsqlFrontEnd.parse("CREATE TABLE \"Account\" (\"id\" TEXT NOT NULL, \"userId\" TEXT NOT NULL, "
                + "\"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT \"Account_pkey\" PRIMARY KEY (\"id\"))",
                Dialect.POSTGRESQL);
    }

    /** Splitting a statement list out of tokens, per statement: kept for comparison with the parse numbers. */
    public static int statements(List<Statement> s) {
        return s.size();
    }
}
