package dev.migralint.stats;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL as users write it — libpq's {@code postgres://user:password@host:port/db?sslmode=require} or the
 * driver's {@code jdbc:postgresql://host:port/db?user=u&password=p} — split into the driver's URL (without
 * credentials) and the credentials, which travel only as connection properties. {@link #toString()} and
 * {@link #display()} never show the password; {@link #redact} takes it out of any text a driver may echo.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/db?options}, with no user or password in it
 * @param user     the user, or null for the driver's default
 * @param password the password, or null
 * @param options  the remaining query parameters, passed to the driver as properties
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, Map<String, String> options) {
    private static final Pattern LIBPQ = Pattern.compile("(?i)(postgres(?:ql)?)://([^/?#]*)(/[^?#]*)?(?:\\?([^#]*))?(?:#.*)?");
    private static final Pattern JDBC = Pattern.compile("(?i)jdbc:postgresql://([^/?#]*)(/[^?#]*)?(?:\\?([^#]*))?");
    /** user:password@ in any URL-looking text. */
    private static final Pattern USERINFO = Pattern.compile("(://[^/:@\\s]*:)[^@\\s]*@");
    /** password=... in a query string or a key=value connection string. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s]*");

    /** Parses a URL; the message of the exception it throws never holds the password. */
    public static DatabaseUrl parse(String url) throws StatsException {
        if (url == null || url.isBlank()) {
            throw new StatsException("the database URL is empty");
        }
        String u = url.strip();
        Matcher m = LIBPQ.matcher(u);
        String hostPart;
        String path;
        String query;
        String user = null;
        String password = null;
        if (m.matches()) {
            String authority = m.group(2);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                int colon = userInfo.indexOf(':');
                user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
                password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
                authority = authority.substring(at + 1);
            }
            hostPart = authority;
            path = m.group(3);
            query = m.group(4);
        } else {
            Matcher j = JDBC.matcher(u);
            if (!j.matches()) {
                throw new StatsException("not a PostgreSQL URL: " + redact(u)
                        + " (expected postgres://user@host:port/database or jdbc:postgresql://host:port/database)");
            }
            hostPart = j.group(1);
            if (hostPart.contains("@")) {
                throw new StatsException("a jdbc:postgresql URL takes the user as ?user=, not user@host: " + redact(u));
            }
            path = j.group(2);
            query = j.group(3);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq >= 0 ? pair.substring(0, eq) : pair);
                String v = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
                switch (k.toLowerCase(Locale.ROOT)) {
                    case "user" -> user = v;
                    case "password" -> password = v;
                    default -> options.put(k, v);
                }
            }
        }
        if (hostPart.isEmpty()) {
            hostPart = "localhost";
        }
        String database = path == null || path.length() <= 1 ? "" : path.substring(1);
        if (database.isEmpty() && user != null) {
            database = user; // libpq's default: the database named after the user
        }
        // libpq accepts host1,host2 lists; the driver takes them as they are.
        String jdbc = "jdbc:postgresql://" + hostPart + "/" + database;
        return new DatabaseUrl(jdbc, user == null || user.isEmpty() ? null : user,
                password == null || password.isEmpty() ? null : password, Map.copyOf(options));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The URL with the user but without the password, for messages. */
    public String display() {
        return jdbcUrl.replaceFirst("^jdbc:postgresql://", "postgres://" + (user == null ? "" : user + "@"));
    }

    /** With the password taken from {@code PGPASSWORD} when the URL gives none (as libpq does). */
    public DatabaseUrl withPasswordFrom(Map<String, String> env) {
        if (password != null || env == null) {
            return this;
        }
        String p = env.get("PGPASSWORD");
        return p == null || p.isEmpty() ? this : new DatabaseUrl(jdbcUrl, user, p, options);
    }

    /** The text with this URL's password, and anything shaped like a password in a URL, taken out. */
    public String redactIn(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (password != null && !password.isEmpty()) {
            out = out.replace(password, "***");
        }
        return redact(out);
    }

    /** The text with {@code user:password@} and {@code password=...} taken out. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = USERINFO.matcher(text).replaceAll("$1***@");
        return PASSWORD_PARAM.matcher(out).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return display();
    }
}
