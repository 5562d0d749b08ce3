package dev.migralint.rules;

import dev.migralint.config.RuleOverrides;
import dev.migralint.config.SafeYaml;
import dev.migralint.config.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The rules of a run: the bundled ones plus any from user directories, by id. */
public final class RuleSet {
    private final Map<String, Rule> rules;

    public RuleSet(List<Rule> rules) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule r : rules) {
            byId.put(r.id(), r);
        }
        this.rules = Collections.unmodifiableMap(byId);
    }

    public List<Rule> all() {
        return new ArrayList<>(rules.values());
    }

    public Rule get(String id) {
        return rules.get(id);
    }

    public boolean contains(String id) {
        return rules.containsKey(id);
    }

    /**
     * The rules bundled under {@code rules/} on the class path (the jar, or target/classes in tests): from the index
     * the build compiled them into when it is current, else from the YAML.
     */
    public static RuleSet bundled() throws RuleLoadException {
        List<Rule> indexed = Indexed.RULES;
        return indexed != null ? new RuleSet(indexed) : fromYaml();
    }

    /** Decoded once per process: the class path does not change under a running JVM. */
    private static final class Indexed {
        static final List<Rule> RULES = RuleIndex.read();
    }

    /** The bundled rules compiled from their YAML, as {@link #bundled()} does without a current index. */
    public static RuleSet fromYaml() throws RuleLoadException {
        List<Rule> out = new ArrayList<>();
        for (Map.Entry<String, String> e : bundledTexts().entrySet()) {
            out.add(RuleLoader.load(e.getKey(), e.getValue()));
        }
        return new RuleSet(out);
    }

    /** The bundled rule files' texts by name ("rules/drop-table.yml"), sorted by name. */
    public static Map<String, String> bundledTexts() throws RuleLoadException {
        URL marker = RuleSet.class.getClassLoader().getResource("rules/");
        List<String> names = new ArrayList<>();
        try {
            URL self = RuleSet.class.getProtectionDomain().getCodeSource().getLocation();
            Path location = Paths.get(self.toURI());
            if (Files.isDirectory(location)) {
                Path dir = location.resolve("rules");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(p -> "rules/" + p.getFileName()).filter(RuleSet::isRuleFile).forEach(names::add);
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith("rules/") && name.indexOf('/', 6) < 0 && isRuleFile(name)) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new RuleLoadException("rules/", 0, "cannot list the bundled rules: " + e.getMessage()
                    + (marker == null ? " (no rules/ on the class path)" : ""));
        }
        Collections.sort(names);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : names) {
            try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new RuleLoadException(name, 0, "bundled rule missing from the class path");
                }
                texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new RuleLoadException(name, 0, "cannot read: " + e.getMessage());
            }
        }
        return texts;
    }

    static boolean isRuleFile(String name) {
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    /** Loads every rule file in a user directory; the first broken file stops the load with its location. */
    public static List<Rule> loadDirectory(Path dir) throws RuleLoadException {
        if (!Files.isDirectory(dir)) {
            throw new RuleLoadException(dir.toString(), 0, "rule directory does not exist");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> isRuleFile(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new RuleLoadException(dir.toString(), 0, "cannot list: " + e.getMessage());
        }
        List<Rule> rules = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                if (Files.size(f) > SafeYaml.MAX_CHARS) {
                    throw new RuleLoadException(f.toString(), 0, "rule file larger than " + SafeYaml.MAX_CHARS + " bytes");
                }
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RuleLoadException(f.toString(), 0, "cannot read: " + e.getMessage());
            }
            rules.add(RuleLoader.load(f.toString(), text));
        }
        return rules;
    }

    /** A new set with these rules added; a user rule with a bundled rule's id replaces it. */
    public RuleSet plus(List<Rule> more) {
        List<Rule> all = new ArrayList<>(rules.values());
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule r : all) {
            byId.put(r.id(), r);
        }
        for (Rule r : more) {
            byId.put(r.id(), r);
        }
        return new RuleSet(new ArrayList<>(byId.values()));
    }

    /**
     * The enabled rules with their effective severities, in rule-set order: the same choice the linter makes (a rule
     * disabled in configuration is left out; an opt-in rule only when configuration enables it).
     */
    public List<Rule> enabled(RuleOverrides overrides) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : all()) {
            if (!r.enabledBy(overrides)) {
                continue;
            }
            Severity s = overrides.severities().get(r.id());
            if (s == null && overrides.offline() && r.aboutLiveDeployment() && r.severity() != Severity.NOTICE) {
                s = Severity.NOTICE;
            }
            out.add(s == null ? r : r.withSeverity(s));
        }
        return out;
    }
}
