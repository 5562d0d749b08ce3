package org.slf4j;

import org.slf4j.helpers.NOPLogger;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.helpers.NOP_FallbackServiceProvider;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * migralint's stand-in for SLF4J's {@code LoggerFactory}, which the jar ships instead of SLF4J's own (pom.xml: the
 * shade filter on slf4j-api). JGit logs through SLF4J, and migralint shows none of it: every logger is SLF4J's no-op
 * logger. SLF4J's own class finds its provider on first use, through a service-file lookup in the jar or a
 * {@code String.format}ted message, about 5 ms on the git side of every pre-commit run, for a logger that does
 * nothing (bench/README.md). Everything else of slf4j-api is SLF4J's own; this class keeps every member other
 * classes of the jar call (JGit calls {@code getLogger(Class)} only).
 */
public final class LoggerFactory {
    private static final ILoggerFactory NOP_FACTORY = new NOPLoggerFactory();

    private LoggerFactory() {
    }

    public static Logger getLogger(String name) {
        return NOPLogger.NOP_LOGGER;
    }

    public static Logger getLogger(Class<?> clazz) {
        return NOPLogger.NOP_LOGGER;
    }

    public static ILoggerFactory getILoggerFactory() {
        return NOP_FACTORY;
    }

    /** For SLF4J's MDC and MarkerFactory: its no-op provider. */
    static SLF4JServiceProvider getProvider() {
        return Nop.PROVIDER;
    }

    /** For SLF4J's LoggerFactoryFriend (tests of SLF4J itself): nothing to reset. */
    static void reset() {
    }

    private static final class Nop {
        static final SLF4JServiceProvider PROVIDER = provider();

        private static SLF4JServiceProvider provider() {
            SLF4JServiceProvider p = new NOP_FallbackServiceProvider();
            p.initialize();
            return p;
        }
    }
}
