package dev.migralint.workspace;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;
import org.slf4j.helpers.NOPLogger;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The SLF4J LoggerFactory migralint ships (src/shim/java) instead of SLF4J's own. */
class Slf4jShimTest {
    @Test
    void theShimIsTheLoggerFactoryOnTheClassPath() throws Exception {
        Path from = Path.of(LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertFalse(from.toString().endsWith(".jar"), "SLF4J's own LoggerFactory came first: " + from);
    }

    @Test
    void everyLoggerIsTheNoOpOne() {
        assertSame(NOPLogger.NOP_LOGGER, LoggerFactory.getLogger(GitRepository.class));
        assertSame(NOPLogger.NOP_LOGGER, LoggerFactory.getLogger("org.eclipse.jgit"));
        assertSame(NOPLogger.NOP_LOGGER, LoggerFactory.getILoggerFactory().getLogger("x"));
    }

    @Test
    void slf4jsOwnCallersStillWork() {
        // MDC and MarkerFactory reach the provider through the package-private getProvider().
        assertNotNull(MarkerFactory.getMarker("m"));
        MDC.put("k", "v");
        assertEquals(null, MDC.get("k")); // the no-op provider keeps nothing
    }
}
