package dev.migralint.stats;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Database URLs: the password goes to the driver as a property and nowhere else. */
class DatabaseUrlTest {
    @Test
    void libpqUrl() throws Exception {
        DatabaseUrl u = DatabaseUrl.parse("postgres://app:s%40cr%2Ft@db.internal:6432/prod?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:6432/prod", u.jdbcUrl());
        assertEquals("app", u.user());
        assertEquals("s@cr/t", u.password());
        assertEquals(Map.of("sslmode", "require"), u.options());
        assertEquals("postgres://app@db.internal:6432/prod", u.display());
        assertFalse(u.toString().contains("cr"), u.toString());
    }

    @Test
    void jdbcUrlAndDefaults() throws Exception {
        DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://h/d?user=u&password=pw&ssl=true");
        assertEquals("jdbc:postgresql://h/d", u.jdbcUrl());
        assertEquals("u", u.user());
        assertEquals("pw", u.password());
        assertEquals(Map.of("ssl", "true"), u.options());
        DatabaseUrl bare = DatabaseUrl.parse("postgresql://me@/");
        assertEquals("jdbc:postgresql://localhost/me", bare.jdbcUrl(), "libpq's defaults: localhost, the user's database");
        assertNull(bare.password());
        assertEquals("fromenv", bare.withPasswordFrom(Map.of("PGPASSWORD", "fromenv")).password());
        assertEquals("pw", u.withPasswordFrom(Map.of("PGPASSWORD", "other")).password(), "the URL's password wins");
    }

    @Test
    void errorsAndRedactionNeverShowThePassword() {
        StatsException e = assertThrows(StatsException.class, () -> DatabaseUrl.parse("mysql://root:hunter2@h/db"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("not a PostgreSQL URL"), e.getMessage());
        assertEquals("postgres://root:***@h/db and x?password=***&a=b",
                DatabaseUrl.redact("postgres://root:hunter2@h/db and x?password=hunter2&a=b"));
        assertEquals("see postgres://h/db", DatabaseUrl.redact("see postgres://h/db"));
    }

    @Test
    void redactInTakesTheExactPasswordOut() throws Exception {
        DatabaseUrl u = DatabaseUrl.parse("postgres://a:Tr0ub4dor@h/d");
        assertEquals("FATAL: password *** rejected", u.redactIn("FATAL: password Tr0ub4dor rejected"));
    }
}
