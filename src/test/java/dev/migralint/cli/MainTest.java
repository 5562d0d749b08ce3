package dev.migralint.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MainTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty("user.timezone");
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty("user.timezone");
        } else {
            System.setProperty("user.timezone", saved);
        }
    }

    @Test
    void withoutAZoneTheRunIsInUtc() {
        System.setProperty("user.timezone", "");
        Main.pinTimeZone();
        assertEquals("UTC", System.getProperty("user.timezone"));
        System.clearProperty("user.timezone");
        Main.pinTimeZone();
        assertEquals("UTC", System.getProperty("user.timezone"));
    }

    @Test
    void aZoneTheUserSetIsKept() {
        System.setProperty("user.timezone", "Europe/Paris");
        Main.pinTimeZone();
        assertEquals("Europe/Paris", System.getProperty("user.timezone"));
    }
}
