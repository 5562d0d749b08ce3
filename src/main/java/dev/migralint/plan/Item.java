package dev.migralint.plan;

import java.util.List;

/**
 * One checklist entry: what to do, why (the statements that call for it), and the exact commands.
 *
 * @param topic    backup, postgres-version, disk, code-first, lock-timeout, window, verify, watch
 */
public record Item(String topic, String text, List<String> because, List<String> commands) {
    public Item {
        because = List.copyOf(because);
        commands = List.copyOf(commands);
    }
}
