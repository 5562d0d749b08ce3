package dev.migralint.verify;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** The two places a verify run can use: a throwaway server, or a scratch database the user gives. */
public final class Targets {
    /** Databases are named in order of creation: one server may serve several runs (tests, the benchmark). */
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Targets() {
    }

    /** Each history in a fresh database of the throwaway server. */
    public static Verifier.Target server(ThrowawayServer server) {
        return new Verifier.Target() {
            @Override
            public Endpoint database(int n) throws VerifyException {
                String name = "verify_" + DATABASES.incrementAndGet();
                try (Connection c = server.endpoint("postgres").connect(10); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name + " TEMPLATE template0");
                } catch (SQLException e) {
                    throw new VerifyException("cannot create a database on the throwaway server: " + ServerSession.errorText(e));
                }
                return server.endpoint(name);
            }

            @Override
            public Path pgDump() {
                Path p = server.binaries().tool("pg_dump");
                return Files.isExecutable(p) ? p : null;
            }

            @Override
            public String describe() {
                return server.endpoint("postgres").description();
            }
        };
    }

    /**
     * The user's database, checked first: reachable (else a clear error, never the password), and empty unless
     * {@code allowNonempty}. It holds one history: a second would run on top of the first.
     */
    public static Verifier.Target url(Endpoint endpoint, boolean allowNonempty) throws VerifyException {
        int major;
        try (Connection c = endpoint.connect(10)) {
            major = c.getMetaData().getDatabaseMajorVersion();
            int tables = Verifier.tableCount(c);
            if (tables > 0 && !allowNonempty) {
                throw new VerifyException("the database " + endpoint.description() + " already holds " + tables
                        + " table(s); verify replays the whole history into it, so give it an empty scratch database"
                        + " (or pass --allow-nonempty)");
            }
        } catch (SQLException e) {
            throw new VerifyException("cannot connect to " + endpoint.description() + ": "
                    + Endpoint.redact(ServerSession.errorText(e)).replace(String.valueOf(endpoint.password()), "***"));
        }
        Path dump = pgDumpFor(major);
        return new Verifier.Target() {
            private boolean used;

            @Override
            public Endpoint database(int n) throws VerifyException {
                if (used) {
                    throw new VerifyException("the change touches more than one migration history; --database-url"
                            + " holds one: verify them one at a time (pass the paths of one history)");
                }
                used = true;
                return endpoint;
            }

            @Override
            public Path pgDump() {
                return dump;
            }

            @Override
            public String describe() {
                return endpoint.description() + " (PostgreSQL " + major + ")";
            }
        };
    }

    /** A pg_dump on PATH (or Debian's) at least as new as the server: an older one refuses to dump it. */
    static Path pgDumpFor(int serverMajor) {
        for (PostgresBinaries.Found f : PostgresBinaries.local()) {
            Path p = f.tool("pg_dump");
            if (f.major() >= serverMajor && Files.isExecutable(p)) {
                return p;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d.isEmpty() ? "." : d, "pg_dump");
                if (Files.isExecutable(p) && PostgresBinaries.majorOf(p) >= serverMajor) {
                    return p;
                }
            }
        }
        return null;
    }
}
