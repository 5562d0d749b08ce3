package dev.migralint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md names only what exists: every path in it (a template such as {@code rules/<id>.yml} aside) and
 * every class it quotes, so that a move or a rename that forgets the page fails here.
 */
class ArchitectureDocTest {
    private static final Path DOC = Path.of("docs/architecture.md");
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w/.])((?:src|docs|rules|runners|bin|schemas|bench)/[\\w./-]*\\w)");
    private static final Pattern CLASS = Pattern.compile("`([A-Z][a-z]\\w*)`");

    @Test
    void everyPathItNamesExists() throws IOException {
        List<String> paths = matches(PATH, Files.readString(DOC));
        assertTrue(paths.size() >= 20, "the page names the files to touch: " + paths);
        assertEquals(List.of(), paths.stream().filter(p -> !Files.exists(Path.of(p))).toList());
    }

    @Test
    void everyClassItQuotesExists() throws IOException {
        Set<String> classes;
        try (Stream<Path> s = Files.walk(Path.of("src"))) {
            classes = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - 5)).collect(Collectors.toSet());
        }
        List<String> quoted = matches(CLASS, Files.readString(DOC));
        assertTrue(quoted.contains("LintRun"), "the engine is described");
        assertEquals(List.of(), quoted.stream().filter(c -> !classes.contains(c)).toList());
    }

    @Test
    void theReadingFindsPathsAndLeavesTemplates() {
        assertEquals(List.of("src/main/java/dev/migralint/fix/Rewrites.java", "docs/fix.md"),
                matches(PATH, "in `src/main/java/dev/migralint/fix/Rewrites.java`, `rules/<id>.yml` and docs/fix.md."));
    }

    private static List<String> matches(Pattern p, String text) {
        Matcher m = p.matcher(text);
        Set<String> out = new TreeSet<>();
        List<String> ordered = new ArrayList<>();
        while (m.find()) {
            if (out.add(m.group(1))) {
                ordered.add(m.group(1));
            }
        }
        return ordered;
    }
}
