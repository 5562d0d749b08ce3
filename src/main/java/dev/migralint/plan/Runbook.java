package dev.migralint.plan;

import java.util.List;

/**
 * The deployment runbook, in the order an operator follows it.
 *
 * @param safe      nothing at or above the fail-on threshold
 * @param verdict   one sentence
 * @param before    the pre-deployment checklist
 * @param after     the post-deployment checks
 */
public record Runbook(boolean safe, String verdict, List<MigrationPlan> migrations, List<Item> before,
                      List<Item> after) {
    public Runbook {
        migrations = List.copyOf(migrations);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
