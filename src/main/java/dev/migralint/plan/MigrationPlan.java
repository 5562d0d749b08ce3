package dev.migralint.plan;

import java.util.List;

/**
 * The plan for one migration file.
 *
 * @param path     the file as displayed
 * @param steps    its operations in file order (down sections left out)
 * @param problem  why the file could not be planned at all (unreadable, binary, ...), or null
 * @param fileFindings "severity rule-id: message" of the findings on the file rather than a statement
 */
public record MigrationPlan(String path, List<Step> steps, String problem, List<String> fileFindings) {
    public MigrationPlan {
        steps = List.copyOf(steps);
        fileFindings = List.copyOf(fileFindings);
    }

    public boolean irreversible() {
        return steps.stream().anyMatch(s -> s.inverse().kind() == Inverse.Kind.IRREVERSIBLE);
    }

    /** The steps it could not plan (statements not understood). */
    public List<Step> unplanned() {
        return steps.stream().filter(s -> s.inverse().kind() == Inverse.Kind.UNPLANNED).toList();
    }
}
