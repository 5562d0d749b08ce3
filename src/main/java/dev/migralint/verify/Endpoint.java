package dev.migralint.verify;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a database is and how to log in. The password is kept out of every string this record makes
 * ({@link #toString()} included): it goes to the driver in its properties and to pg_dump in its environment.
 *
 * @param description what the database is, for the report (never the password)
 */
public record Endpoint(String host, int port, String database, String user, String password, String description) {

    /**
     * Reads {@code postgres://user:password@host:port/db?…} (also {@code postgresql://} and {@code jdbc:postgresql://}
     * with {@code user}/{@code password} parameters).
     */
    public static Endpoint parse(String url) throws VerifyException {
        String u = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new VerifyException("--database-url is not a URL (expected postgres://user:password@host:port/database)");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("postgres") || uri.getScheme().equals("postgresql"))
                || uri.getHost() == null) {
            throw new VerifyException("--database-url must look like postgres://user:password@host:port/database, not "
                    + redact(url));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                if (p.length == 2 && p[0].equals("user")) {
                    user = decode(p[1]);
                } else if (p.length == 2 && p[0].equals("password")) {
                    password = decode(p[1]);
                }
            }
        }
        if (password == null) {
            password = System.getenv("PGPASSWORD");
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String shown = "postgres://" + (user == null ? "" : user + "@") + uri.getHost() + ":" + port + "/" + db;
        return new Endpoint(uri.getHost(), port, db, user == null ? System.getProperty("user.name") : user, password,
                shown);
    }

    /** The URL with any password replaced by {@code ***}, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(://[^:/@?#]*:)[^@/?#]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public Endpoint withDatabase(String db) {
        return new Endpoint(host, port, db, user, password, description);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * A session in the simple query protocol: a migration's text is sent as the runner sends it, and a file a runner
     * sends as one query string runs as one implicit transaction, as it does there.
     */
    public Connection connect(int timeoutSeconds) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        p.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        p.setProperty("socketTimeout", "0");
        p.setProperty("ApplicationName", "migralint verify");
        p.setProperty("sslmode", "prefer");
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    @Override
    public String toString() {
        return description;
    }
}
