package dev.migralint.config;


import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version Maven stamped into the jar. No picocli type here: its classes cannot be kept in the start-up archive,
 * and a check reads the version for its report ({@link Main.VersionProvider} is picocli's view of it).
 */
public final class Version {
    private static final String VERSION = load();

    private static String load() {
        // Through the jar itself: the class loader would ask the JDK's modules first (BuildInputs.open).
        try (InputStream in = BuildInputs.open(Version.class, "dev/migralint/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    public static String get() {
        return VERSION;
    }
}
