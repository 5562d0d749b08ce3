package dev.migralint.workspace;

import dev.migralint.sql.Dialect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pop/popx keep one file per database for a migration ({@code <version>_<name>.<dialect>[.autocommit].<up|down>.sql})
 * and run a file that names no database on every database that has no file of its own for that migration
 * (gobuffalo/pop {@code migration_box.go}, {@code match.go}). So a dialect-less file beside a Postgres variant never
 * runs on Postgres.
 */
final class PopVariants {
    private static final Pattern GENERIC = Pattern.compile("(\\d+_[^.]+)(?:\\.autocommit)?(\\.(?:up|down)\\.sql)");
    /** pop's databases, in the order a dialect-less file is linted as when Postgres has its own file. */
    private static final List<Dialect> OTHERS = List.of(Dialect.MYSQL, Dialect.SQLITE, Dialect.COCKROACHDB);

    private PopVariants() {}

    /**
     * The dialect a dialect-less pop file runs on when its folder holds a Postgres variant of the same migration and
     * direction (the first database without a file of its own), or null when Postgres has none or the name is not
     * pop's.
     */
    static Dialect dialectOfGeneric(String fileName, Supplier<List<String>> names) {
        Matcher m = GENERIC.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        String stem = m.group(1) + ".";
        String tail = m.group(2);
        List<String> all = names.get();
        if (all == null) {
            return null; // an unreadable folder: the default holds
        }
        Set<Dialect> own = EnumSet.noneOf(Dialect.class);
        for (String n : all) {
            if (n.length() > stem.length() + tail.length() && n.startsWith(stem) && n.endsWith(tail)) {
                String variant = n.substring(stem.length(), n.length() - tail.length());
                variant = variant.endsWith(".autocommit") ? variant.substring(0, variant.length() - 11) : variant;
                Dialect d = Dialect.parse(variant).orElse(null);
                if (d != null && variant.indexOf('.') < 0) {
                    own.add(d);
                }
            }
        }
        if (!own.contains(Dialect.POSTGRESQL)) {
            return null;
        }
        for (Dialect d : OTHERS) {
            if (!own.contains(d)) {
                return d;
            }
        }
        return null;
    }

    /** The file names of a folder, or null when it cannot be listed. */
    static List<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
