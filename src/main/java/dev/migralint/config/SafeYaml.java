package dev.migralint.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * YAML for files users write: composed to a node tree (never constructed into objects), with alias, size and depth
 * limits, and only the standard scalar tags accepted, so a hostile file can neither run code nor exhaust memory.
 * Values come back as plain maps, lists and scalars, each with its line.
 */
public final class SafeYaml {
    public static final int MAX_CHARS = 1_000_000;
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.TIMESTAMP);

    /** A value with the line it was written on. */
    public record Located(Object value, int line) {}

    private SafeYaml() {
    }

    /** Parses text into nested {@code Map<String, Located>}, {@code List<Located>} and scalars. */
    public static Located parse(String file, String text) throws ConfigException {
        if (text.length() > MAX_CHARS) {
            throw new ConfigException(file, 0, "file is larger than " + MAX_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_CHARS * 2);
        Node root;
        try {
            // What Yaml.compose does, without building a Yaml: its object constructor and representer, which a node
            // tree never uses, are most of the cost of reading a configuration in a pre-commit hook.
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                    new Resolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String problem = oneLine(e.getProblem());
            if (problem.contains("tag is not allowed")) {
                // SnakeYAML's own guard against global tags: say plainly what was refused.
                throw new ConfigException(file, line, "unsafe or unknown YAML tag refused (" + problem + ")");
            }
            throw new ConfigException(file, line, "invalid YAML: " + problem);
        } catch (YAMLException e) {
            throw new ConfigException(file, 0, "invalid YAML: " + oneLine(e.getMessage()));
        }
        if (root == null) {
            throw new ConfigException(file, 1, "the file is empty");
        }
        return convert(file, root, 0);
    }

    private static Located convert(String file, Node node, int depth) throws ConfigException {
        int line = node.getStartMark().getLine() + 1;
        if (depth > 40) {
            throw new ConfigException(file, line, "nested too deeply");
        }
        if (node instanceof ScalarNode scalar) {
            Tag tag = scalar.getTag();
            if (!SCALAR_TAGS.contains(tag)) {
                throw new ConfigException(file, line, "unsafe or unknown YAML tag " + tag.getValue()
                        + " (only plain strings, numbers, booleans and null are allowed)");
            }
            return new Located(scalarValue(scalar), line);
        }
        if (node instanceof SequenceNode seq) {
            if (!Tag.SEQ.equals(seq.getTag())) {
                throw new ConfigException(file, line, "unsafe or unknown YAML tag " + seq.getTag().getValue());
            }
            List<Located> items = new ArrayList<>();
            for (Node child : seq.getValue()) {
                items.add(convert(file, child, depth + 1));
            }
            return new Located(items, line);
        }
        if (node instanceof MappingNode map) {
            if (!Tag.MAP.equals(map.getTag())) {
                throw new ConfigException(file, line, "unsafe or unknown YAML tag " + map.getTag().getValue());
            }
            Map<String, Located> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw new ConfigException(file, tuple.getKeyNode().getStartMark().getLine() + 1,
                            "keys must be plain strings");
                }
                if (!SCALAR_TAGS.contains(key.getTag())) {
                    throw new ConfigException(file, key.getStartMark().getLine() + 1,
                            "unsafe or unknown YAML tag " + key.getTag().getValue());
                }
                if (entries.containsKey(key.getValue())) {
                    throw new ConfigException(file, key.getStartMark().getLine() + 1, "duplicate key '" + key.getValue() + "'");
                }
                entries.put(key.getValue(), convert(file, tuple.getValueNode(), depth + 1));
            }
            return new Located(entries, line);
        }
        throw new ConfigException(file, line, "unsupported YAML node");
    }

    private static Object scalarValue(ScalarNode scalar) {
        String v = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on");
        }
        if (Tag.INT.equals(tag)) {
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                return v;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.parseDouble(v.replace("_", ""));
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').trim();
    }

    /** Levenshtein distance, for "did you mean" suggestions. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** ", did you mean 'x'?" for the nearest candidate, or "" when none is close. */
    public static String suggest(String wrong, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(wrong, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(2, wrong.length() / 2)) {
            return "";
        }
        return "; did you mean '" + best + "'?";
    }
}
