package dev.migralint.analysis;

import dev.migralint.workspace.MigrationNames;

import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the statements of a file run forward ("up") or on rollback ("down"). A minimal, stand-alone model until the
 * runner descriptors say it: the file's name ({@code *.down.sql}, Diesel's {@code down.sql}, Flyway's {@code U1__}),
 * then, inside one file, dbmate's {@code -- migrate:up}/{@code -- migrate:down} and goose's
 * {@code -- +goose Up}/{@code -- +goose Down} section markers: a statement belongs to the last marker before it.
 */
public final class DirectionOf {
    public static final String UP = "up";
    public static final String DOWN = "down";
    private static final Pattern MARKER = Pattern.compile(
            "(?im)^[ \\t]*--[ \\t]*(?:migrate:(up|down)\\b|\\+goose[ \\t]+(up|down)\\b)");

    private final String fileDirection;
    /** Section markers by offset: the direction that holds from there on. */
    private final TreeMap<Integer, String> sections = new TreeMap<>();

    private DirectionOf(String path, String text) {
        this.fileDirection = path != null && MigrationNames.isDown(path) ? DOWN : UP;
        if (text != null && (text.contains("migrate:") || text.toLowerCase(Locale.ROOT).contains("+goose"))) {
            Matcher m = MARKER.matcher(text);
            while (m.find()) {
                String word = m.group(1) != null ? m.group(1) : m.group(2);
                sections.put(m.start(), word.toLowerCase(Locale.ROOT).equals("down") ? DOWN : UP);
            }
        }
    }

    /** The directions of one file, from its path as reported and its text. */
    public static DirectionOf file(String path, String text) {
        return new DirectionOf(path, text);
    }

    /** The direction of the file as a whole: what its name says. */
    public String ofFile() {
        return fileDirection;
    }

    /** The direction of the code that starts at this offset: its section's, else the file's. */
    public String at(int offset) {
        var section = sections.floorEntry(offset);
        return section == null ? fileDirection : section.getValue();
    }

    /** True when the file has a down section or is a down file. */
    public boolean hasDown() {
        return fileDirection.equals(DOWN) || sections.containsValue(DOWN);
    }
}
