package dev.migralint.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the parts of GitHub's REST API a review uses, on loopback. It keeps review comments and issue
 * comments of one pull request as GitHub would, records every request, validates every request body against the
 * endpoint's schema from GitHub's OpenAPI description (src/test/resources/github-rest-api), and can answer as a
 * read-only token or a rate limit would.
 */
public final class FakeGitHub implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, String authorization, String body) {}

    /** A canned answer for the next write: status, headers, message. */
    public record Refusal(int status, Map<String, String> headers, String message) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REVIEWS = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)/reviews");
    private static final Pattern REVIEW_COMMENTS = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)/comments");
    private static final Pattern REVIEW_COMMENT = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/comments/(\\d+)");
    private static final Pattern ISSUE_COMMENTS = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final Pattern ISSUE_COMMENT = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");

    private final HttpServer server;
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    public final List<String> schemaErrors = Collections.synchronizedList(new ArrayList<>());
    /** Review comments of the pull request, as GitHub lists them. */
    public final List<ObjectNode> reviewComments = Collections.synchronizedList(new ArrayList<>());
    public final List<ObjectNode> issueComments = Collections.synchronizedList(new ArrayList<>());
    /** Answers for the next writes, in order (rate limits). */
    public final Deque<Refusal> refusals = new ArrayDeque<>();
    /** The review threads resolved through GraphQL, by the id of their first comment. */
    public final List<Long> resolvedThreads = Collections.synchronizedList(new ArrayList<>());
    /** Every write is refused as GitHub refuses a read-only token. */
    public volatile boolean readOnly;
    private long nextId = 1000;

    public FakeGitHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** A comment someone else (a person) wrote, e.g. quoting a marker. */
    public void addHumanReviewComment(String path, int line, String body) {
        ObjectNode c = comment(path, line, body);
        c.putObject("user").put("login", "mallory").put("type", "User");
        reviewComments.add(c);
    }

    public List<Request> writes() {
        synchronized (requests) {
            return requests.stream().filter(r -> !r.method().equals("GET")).toList();
        }
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(method, ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst("Authorization"), body));
        if (!method.equals("GET")) {
            if (readOnly) {
                send(ex, 403, Map.of(), "{\"message\":\"Resource not accessible by integration\","
                        + "\"documentation_url\":\"https://docs.github.com/rest\"}");
                return;
            }
            Refusal r = refusals.poll();
            if (r != null) {
                send(ex, r.status(), r.headers(), JSON.createObjectNode().put("message", r.message()).toString());
                return;
            }
        }
        Matcher m;
        if (method.equals("POST") && path.equals("/graphql")) {
            graphql(ex, JSON.readTree(body));
        } else if (method.equals("GET") && (m = REVIEW_COMMENTS.matcher(path)).matches()) {
            send(ex, 200, Map.of(), page(reviewComments, ex.getRequestURI().getQuery()));
        } else if (method.equals("GET") && (m = ISSUE_COMMENTS.matcher(path)).matches()) {
            send(ex, 200, Map.of(), page(issueComments, ex.getRequestURI().getQuery()));
        } else if (method.equals("POST") && (m = REVIEWS.matcher(path)).matches()) {
            JsonNode review = validated("pulls-create-review", body);
            for (JsonNode c : review.path("comments")) {
                ObjectNode made = comment(c.path("path").asText(), c.path("line").asInt(), c.path("body").asText());
                if (c.has("start_line")) {
                    made.put("start_line", c.path("start_line").asInt());
                }
                made.put("commit_id", review.path("commit_id").asText());
                reviewComments.add(made);
            }
            send(ex, 200, Map.of(), JSON.createObjectNode().put("id", nextId++).put("state", "COMMENTED").toString());
        } else if (method.equals("PATCH") && (m = REVIEW_COMMENT.matcher(path)).matches()) {
            JsonNode b = validated("pulls-update-review-comment", body);
            ObjectNode c = find(reviewComments, Long.parseLong(m.group(2)));
            if (c == null) {
                send(ex, 404, Map.of(), "{\"message\":\"Not Found\"}");
                return;
            }
            c.put("body", b.path("body").asText());
            send(ex, 200, Map.of(), c.toString());
        } else if (method.equals("POST") && (m = ISSUE_COMMENTS.matcher(path)).matches()) {
            JsonNode b = validated("issues-create-comment", body);
            ObjectNode c = JSON.createObjectNode().put("id", nextId++).put("body", b.path("body").asText());
            c.putObject("user").put("login", "github-actions[bot]").put("type", "Bot");
            issueComments.add(c);
            send(ex, 201, Map.of(), c.toString());
        } else if (method.equals("PATCH") && (m = ISSUE_COMMENT.matcher(path)).matches()) {
            JsonNode b = validated("issues-update-comment", body);
            ObjectNode c = find(issueComments, Long.parseLong(m.group(2)));
            if (c == null) {
                send(ex, 404, Map.of(), "{\"message\":\"Not Found\"}");
                return;
            }
            c.put("body", b.path("body").asText());
            send(ex, 200, Map.of(), c.toString());
        } else {
            send(ex, 404, Map.of(), "{\"message\":\"Not Found\"}");
        }
    }

    /**
     * The two GraphQL operations a review uses, answered in the shape of GitHub's schema: the pull request's review
     * threads (one per review comment here, each with its first comment's databaseId) and resolveReviewThread.
     */
    private void graphql(HttpExchange ex, JsonNode request) throws IOException {
        String query = request.path("query").asText();
        JsonNode vars = request.path("variables");
        ObjectNode answer = JSON.createObjectNode();
        if (query.contains("resolveReviewThread") && vars.path("id").asText().startsWith("T")) {
            long id = Long.parseLong(vars.path("id").asText().substring(1));
            resolvedThreads.add(id);
            answer.putObject("data").putObject("resolveReviewThread").putObject("thread")
                    .put("id", "T" + id).put("isResolved", true);
        } else if (query.contains("reviewThreads") && vars.path("owner").isTextual() && vars.path("number").isInt()) {
            ObjectNode threads = answer.putObject("data").putObject("repository").putObject("pullRequest")
                    .putObject("reviewThreads");
            threads.putObject("pageInfo").put("hasNextPage", false).putNull("endCursor");
            ArrayNode nodes = threads.putArray("nodes");
            synchronized (reviewComments) {
                for (ObjectNode c : reviewComments) {
                    long id = c.path("id").asLong();
                    ObjectNode t = nodes.addObject().put("id", "T" + id).put("isResolved", resolvedThreads.contains(id));
                    t.putObject("comments").putArray("nodes").addObject().put("databaseId", id);
                }
            }
        } else {
            answer.putArray("errors").addObject().put("message", "unexpected query");
        }
        send(ex, 200, Map.of(), answer.toString());
    }

    private ObjectNode comment(String path, int line, String body) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", nextId++).put("path", path).put("line", line).put("side", "RIGHT").put("body", body);
        c.putObject("user").put("login", "github-actions[bot]").put("type", "Bot");
        return c;
    }

    private static ObjectNode find(List<ObjectNode> list, long id) {
        synchronized (list) {
            return list.stream().filter(c -> c.path("id").asLong() == id).findFirst().orElse(null);
        }
    }

    /** One page of a list, as per_page and page ask. */
    private static String page(List<ObjectNode> all, String query) {
        int perPage = 30;
        int page = 1;
        for (String kv : query == null ? new String[0] : query.split("&")) {
            String[] p = kv.split("=", 2);
            if (p.length == 2 && p[0].equals("per_page")) {
                perPage = Integer.parseInt(p[1]);
            } else if (p.length == 2 && p[0].equals("page")) {
                page = Integer.parseInt(p[1]);
            }
        }
        ArrayNode out = JSON.createArrayNode();
        synchronized (all) {
            for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
                out.add(all.get(i).deepCopy());
            }
        }
        return out.toString();
    }

    private JsonNode validated(String operation, String body) throws IOException {
        List<Error> errors = schema(operation).validate(body, InputFormat.JSON);
        for (Error e : errors) {
            schemaErrors.add(operation + ": " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        return JSON.readTree(body);
    }

    public static Schema schema(String operation) throws IOException {
        try (InputStream in = FakeGitHub.class.getResourceAsStream("/github-rest-api/" + operation + ".request.schema.json")) {
            if (in == null) {
                throw new IOException("no vendored schema for " + operation);
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
