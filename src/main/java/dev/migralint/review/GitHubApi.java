package dev.migralint.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migralint.config.Printable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The few GitHub REST calls a review makes, over the JDK's HTTP client. Rate-limit answers (429, or 403 with
 * {@code retry-after}, {@code x-ratelimit-remaining: 0} or a secondary-rate-limit message) are retried after the wait
 * GitHub asks for, within a limit; then the call fails with a message. The token goes into one header and nowhere
 * else: no message of this class quotes a request.
 */
public final class GitHubApi {
    /** Waits, for tests to replace. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A call that failed: the status (0 when GitHub was not reached) and what to tell the user. */
    public static final class Failure extends Exception {
        private final int status;
        private final boolean rateLimited;

        Failure(int status, boolean rateLimited, String message) {
            super(message);
            this.status = status;
            this.rateLimited = rateLimited;
        }

        public int status() {
            return status;
        }

        public boolean rateLimited() {
            return rateLimited;
        }

        /** A token that may read but not write (a fork's pull request): GitHub's answer for a write it refuses. */
        public boolean readOnly() {
            return status == 403 && !rateLimited;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final URI base;
    private final String token;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final int retries;
    private final Duration longestWait;

    /**
     * @param retries     how many times a rate-limited call is tried again
     * @param longestWait a wait GitHub asks for beyond this is not waited for: the call fails at once
     */
    public GitHubApi(URI base, String token, HttpClient client, Sleeper sleeper, int retries, Duration longestWait) {
        this.base = base;
        this.token = token;
        this.client = client;
        this.sleeper = sleeper;
        this.retries = retries;
        this.longestWait = longestWait;
    }

    public static GitHubApi of(URI base, String token) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new GitHubApi(base, token, client, d -> Thread.sleep(d.toMillis()), 3, Duration.ofSeconds(90));
    }

    public JsonNode get(String path) throws Failure {
        return send("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) throws Failure {
        return send("POST", path, body);
    }

    public JsonNode patch(String path, JsonNode body) throws Failure {
        return send("PATCH", path, body);
    }

    /**
     * A GraphQL call (at /graphql, or /api/graphql beside a GitHub Enterprise Server's /api/v3); GraphQL's own errors
     * (answered with HTTP 200) fail the call too. Returns the "data" object.
     */
    public JsonNode graphql(String query, JsonNode variables) throws Failure {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("query", query);
        body.set("variables", variables);
        String basePath = base.getPath().replaceAll("/$", "");
        String path = basePath.endsWith("/api/v3") ? basePath.substring(0, basePath.length() - 3) + "/graphql"
                : basePath + "/graphql";
        JsonNode answer = send("POST", path, body, true);
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && errors.size() > 0) {
            throw new Failure(200, false, "POST /graphql: " + Printable.of(errors.get(0).path("message").asText("error")));
        }
        return answer.path("data");
    }

    /** Every item of a paginated list (per_page=100, pages until a short one). */
    public List<JsonNode> list(String path) throws Failure {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode items = get(path + (path.contains("?") ? "&" : "?") + "per_page=" + PER_PAGE + "&page=" + page);
            if (items == null || !items.isArray()) {
                break;
            }
            items.forEach(out::add);
            if (items.size() < PER_PAGE) {
                break;
            }
        }
        return out;
    }

    private JsonNode send(String method, String path, JsonNode body) throws Failure {
        return send(method, base.getPath().replaceAll("/$", "") + path, body, true);
    }

    /** @param path the absolute path on the API's host */
    private JsonNode send(String method, String path, JsonNode body, boolean absolute) throws Failure {
        String what = method + " " + path.replaceAll("\\?.*", "");
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                HttpRequest.Builder rb = HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Accept", "application/vnd.github+json")
                        .header("X-GitHub-Api-Version", "2022-11-28")
                        .header("User-Agent", "migralint")
                        .header("Authorization", "Bearer " + token);
                String json = body == null ? null : JSON.writeValueAsString(body);
                rb.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
                if (json != null) {
                    rb.header("Content-Type", "application/json; charset=utf-8");
                }
                response = client.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                throw new Failure(0, false, what + ": GitHub could not be reached (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(0, false, what + ": interrupted");
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body());
            }
            String message = message(response.body());
            Optional<Duration> wait = rateLimitWait(response, message);
            if (wait.isPresent()) {
                if (attempt >= retries || wait.get().compareTo(longestWait) > 0) {
                    throw new Failure(status, true, what + ": GitHub's rate limit (HTTP " + status + ", " + message
                            + "); gave up after " + (attempt + 1) + " tries");
                }
                try {
                    sleeper.sleep(wait.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Failure(status, true, what + ": interrupted while waiting for the rate limit");
                }
                continue;
            }
            if (status >= 500 && attempt < 1) {
                continue; // one more try for a passing server error
            }
            throw new Failure(status, false, what + ": HTTP " + status + " (" + message + ")");
        }
    }

    /** How long GitHub asks to wait before trying again, or empty when the answer is no rate limit. */
    private static Optional<Duration> rateLimitWait(HttpResponse<String> r, String message) {
        int status = r.statusCode();
        if (status != 429 && status != 403) {
            return Optional.empty();
        }
        Optional<String> retryAfter = r.headers().firstValue("retry-after");
        if (retryAfter.isPresent()) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.get().trim()))));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(60));
            }
        }
        if ("0".equals(r.headers().firstValue("x-ratelimit-remaining").orElse(null))) {
            long reset = r.headers().firstValue("x-ratelimit-reset").map(GitHubApi::number).orElse(0L);
            long now = System.currentTimeMillis() / 1000;
            return Optional.of(Duration.ofSeconds(Math.max(1, reset - now)));
        }
        if (status == 429 || message.toLowerCase(Locale.ROOT).contains("rate limit")) {
            // GitHub's advice for a secondary limit without headers: wait at least a minute.
            return Optional.of(Duration.ofSeconds(60));
        }
        return Optional.empty();
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JsonNodeFactory.instance.nullNode();
        }
    }

    /** GitHub's "message" field, on one printable line and short. */
    private static String message(String body) {
        JsonNode m = parse(body).path("message");
        String s = m.isTextual() ? m.asText() : "no message";
        s = Printable.of(s);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
