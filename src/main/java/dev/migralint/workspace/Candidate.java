package dev.migralint.workspace;

import java.nio.file.Path;

/** A file to lint: where it is and how reports name it. */
public record Candidate(Path path, String displayPath) {
}
