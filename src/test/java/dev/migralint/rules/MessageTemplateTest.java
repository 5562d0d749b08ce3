package dev.migralint.rules;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageTemplateTest {

    private static String render(String template, Object... kv) {
        Map<String, Object> facts = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            facts.put((String) kv[i], kv[i + 1]);
        }
        Function<String, Object> lookup = facts::get;
        return MessageTemplate.render(template, lookup);
    }

    @Test
    void placeholders() {
        assertEquals("TRUNCATE a, b", render("TRUNCATE {tables}", "tables", List.of("a", "b")));
        assertEquals("type (unknown)", render("type {old-type}"));
        assertEquals("on public.t", render("on {table}", "table", "public.t"));
    }

    @Test
    void conditionalsPickABranch() {
        String t = "TRUNCATE {table}{?{cascade} CASCADE}.";
        assertEquals("TRUNCATE t CASCADE.", render(t, "table", "t", "cascade", true));
        assertEquals("TRUNCATE t.", render(t, "table", "t", "cascade", false));
        String e = "Changing {column} {?{old-type}from {old-type} |from an unknown type }to {type}";
        assertEquals("Changing c from integer to bigint", render(e, "column", "c", "old-type", "integer", "type", "bigint"));
        assertEquals("Changing c from an unknown type to bigint", render(e, "column", "c", "type", "bigint"));
    }

    @Test
    void unsetValues() {
        String t = "{?{x}set|unset}";
        assertEquals("unset", render(t));
        assertEquals("unset", render(t, "x", false));
        assertEquals("unset", render(t, "x", 0));
        assertEquals("unset", render(t, "x", ""));
        assertEquals("unset", render(t, "x", "none"));
        assertEquals("unset", render(t, "x", List.of()));
        assertEquals("set", render(t, "x", "before"));
        assertEquals("set", render(t, "x", 64));
    }

    @Test
    void nestedConditionals() {
        String t = "ALTER {?{table}TABLE {table}|{?{object-type}{object-type}|TYPE} {name}}";
        assertEquals("ALTER TABLE t", render(t, "table", "t"));
        assertEquals("ALTER view v", render(t, "object-type", "view", "name", "v"));
        assertEquals("ALTER TYPE s", render(t, "name", "s"));
    }

    @Test
    void textThatIsNotATemplateIsKept() {
        assertEquals("a {b c} {?x} | d", render("a {b c} {?x} | d"));
        assertEquals("unclosed {?{x}yes", render("unclosed {?{x}yes", "x", true));
    }

    @Test
    void theFactsATemplateNamesIncludeThoseOfItsConditionals() {
        assertEquals(java.util.List.of("table", "cascade", "name", "table"),
                MessageTemplate.factsNamed("{table}{?{cascade} CASCADE {name}|{table}} {Not-a-fact} {}"));
        assertEquals(java.util.List.of(), MessageTemplate.factsNamed(null));
    }
}
