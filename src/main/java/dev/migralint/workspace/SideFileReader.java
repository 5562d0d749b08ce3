package dev.migralint.workspace;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the small configuration files runners keep beside migrations: TOML (Diesel's {@code metadata.toml},
 * {@code flyway.toml}), Java properties ({@code flyway.conf}, Flyway's {@code <script>.sql.conf}) and Sqitch's plan.
 * Only what migralint needs: flat settings, with the first line that does not parse reported, never thrown.
 */
public final class SideFileReader {
    private SideFileReader() {
    }

    /**
     * The settings, or the problem that stopped the reading.
     *
     * @param values settings by key; a TOML key inside {@code [table]} is {@code table.key}
     * @param line   the line of the problem, 0 when there is none
     */
    public record Read(Map<String, String> values, int line, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public static Read read(String format, String text) {
        return switch (format) {
            case "toml" -> toml(text);
            case "properties" -> properties(text);
            case "sqitch-plan" -> sqitchPlan(text);
            default -> new Read(Map.of(), 0, "unknown format " + format);
        };
    }

    static Read toml(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String table = "";
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3 || line.startsWith("[[") != line.endsWith("]]")) {
                    return new Read(Map.of(), i + 1, "a table header must look like [name]");
                }
                table = line.replaceAll("^\\[+|\\]+$", "").strip();
                if (table.isEmpty()) {
                    return new Read(Map.of(), i + 1, "a table header must look like [name]");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return new Read(Map.of(), i + 1, "expected key = value");
            }
            String key = unquote(line.substring(0, eq).strip());
            String value = line.substring(eq + 1).strip();
            if (key.isEmpty() || value.isEmpty()) {
                return new Read(Map.of(), i + 1, "expected key = value");
            }
            if (value.startsWith("\"") || value.startsWith("'")) {
                char q = value.charAt(0);
                if (value.length() < 2 || value.charAt(value.length() - 1) != q) {
                    return new Read(Map.of(), i + 1, "unterminated string");
                }
                value = value.substring(1, value.length() - 1);
            } else if (!value.equals("true") && !value.equals("false") && !value.matches("[+-]?[0-9][0-9_.eE+-]*")
                    && !value.startsWith("[") && !value.startsWith("{")) {
                return new Read(Map.of(), i + 1, "'" + value + "' is not a TOML value (true, false, a number or a quoted string)");
            }
            values.put(table.isEmpty() ? key : table + "." + key, value);
        }
        return new Read(values, 0, null);
    }

    /** TOML comments start with # outside strings. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    static Read properties(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            while (line.endsWith("\\") && i + 1 < lines.length) {
                line = line.substring(0, line.length() - 1) + lines[++i].strip();
            }
            int sep = -1;
            for (int j = 0; j < line.length(); j++) {
                char c = line.charAt(j);
                if (c == '=' || c == ':') {
                    sep = j;
                    break;
                }
            }
            if (sep <= 0) {
                return new Read(Map.of(), i + 1, "expected key=value");
            }
            values.put(line.substring(0, sep).strip(), line.substring(sep + 1).strip());
        }
        return new Read(values, 0, null);
    }

    /**
     * A Sqitch plan: pragmas ({@code %syntax-version=1.0.0}), comments, and change or tag lines that name a time and
     * a planner with an e-mail address in angle brackets.
     */
    static Read sqitchPlan(String text) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("%")) {
                if (line.indexOf('=') < 2) {
                    return new Read(Map.of(), i + 1, "a pragma must look like %name=value");
                }
                continue;
            }
            // Sqitch takes the note off at the first '#', blanks before it or not ("<m@x.com># note"), and a change
            // may carry a + or - operator (App::Sqitch::Plan::_parse).
            String body = line.indexOf('#') >= 0 ? line.substring(0, line.indexOf('#')) : line;
            if (!body.matches("(?:@|[+-][ \\t]*)?[^\\s@#%:][^\\s]*(\\s+\\[[^\\]]*\\])?\\s+\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\\s+.*<[^>]*>\\s*")) {
                return new Read(Map.of(), i + 1, "not a change or tag line (name [dependencies] time planner <email> # note)");
            }
        }
        return new Read(Map.of(), 0, null);
    }

    /** A setting's value as a boolean, or null when it is not one. */
    public static Boolean bool(String v) {
        if (v == null) {
            return null;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        return s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
    }
}
