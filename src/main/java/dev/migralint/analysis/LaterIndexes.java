package dev.migralint.analysis;

import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.workspace.Framework;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The indexes (and keys) the later migrations of the change being checked create, for the foreign keys of an earlier
 * one: the change deploys them together, so a foreign key whose index the next migration of the same pull request
 * adds is served once the change is deployed. Only up sections count; a later migration is parsed when first asked,
 * which most files never do.
 */
public final class LaterIndexes {
    /** No later migration (a file outside the change, or its last one). */
    public static final LaterIndexes NONE = new LaterIndexes(null, 0);

    /** One migration of the change: its parse, on demand (null when it cannot be parsed), and its runner. */
    public record Migration(Supplier<ParsedFile> parsed, Framework framework) {
    }

    private final Chain chain;
    private final int from;

    private LaterIndexes(Chain chain, int from) {
        this.chain = chain;
        this.from = from;
    }

    /** Whether a later migration creates an index or key on the table whose leading columns are these. */
    boolean indexed(String table, List<String> columns) {
        if (chain == null) {
            return false;
        }
        String key = FileScan.key(table);
        for (int i = from; i < chain.migrations.size(); i++) {
            if (chain.scan(i).indexedByKey(key, columns)) {
                return true;
            }
        }
        return false;
    }

    /** The change's migrations of one history, in order; each is scanned once, when first asked. */
    public static final class Chain {
        private final List<Migration> migrations;
        private final AnalysisSettings settings;
        private final FileScan[] scans;

        public Chain(List<Migration> migrations, AnalysisSettings settings) {
            this.migrations = List.copyOf(migrations);
            this.settings = settings;
            this.scans = new FileScan[this.migrations.size()];
        }

        /** What the migrations after the one at this position (in the chain) create. */
        public LaterIndexes after(int position) {
            return position + 1 >= migrations.size() ? NONE : new LaterIndexes(this, position + 1);
        }

        private synchronized FileScan scan(int i) {
            if (scans[i] == null) {
                scans[i] = upScan(migrations.get(i));
            }
            return scans[i];
        }

        private FileScan upScan(Migration m) {
            ParsedFile file;
            try {
                file = m.parsed().get();
            } catch (RuntimeException | StackOverflowError e) {
                file = null; // reported when the migration itself is linted
            }
            if (file == null) {
                return FileScan.of(List.of());
            }
            RunnerModel model = RunnerModel.of(file, m.framework() == null ? settings.framework() : m.framework(), settings);
            List<ParsedStatement> up = new ArrayList<>();
            for (ParsedStatement st : file.statements()) {
                if (model.unitAt(st.statement().span().start()).direction().equals("up")) {
                    up.add(st);
                }
            }
            return FileScan.of(up);
        }
    }
}
