package dev.migralint.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migralint.review.FakeGitHub;
import dev.migralint.review.Markdown;
import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance for issue 20: {@code migralint review} against a local fake of GitHub's API, in real repositories. Every
 * request body the fake receives is validated against the endpoint's schema from GitHub's OpenAPI description.
 */
class ReviewCommandTest {
    private static final String TOKEN = "ghs_s3cr3tT0kenThatMustNeverBePrinted";
    private static final String MIGRATION = "db/migrations/002_more.sql";
    private static final String RISKY = "CREATE INDEX idx_users_email ON users (email);\n"
            + "ALTER TABLE users ADD COLUMN age int NOT NULL;\n"
            + "CREATE TABLE orders (id bigint);\n";
    private static final Pattern OPEN_FENCE = Pattern.compile("^(`{3,})(\\S*)$");

    @TempDir
    Path tmp;
    FakeGitHub github;
    GitFixture repo;

    @BeforeEach
    void start() throws IOException {
        github = new FakeGitHub();
    }

    @AfterEach
    void stop() {
        github.close();
        if (repo != null) {
            repo.close();
        }
    }

    private GitFixture feature(String text) {
        repo = GitFixture.init(tmp.resolve("repo"));
        repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        repo.commitAll("init");
        repo.branch("feature");
        repo.write(MIGRATION, text);
        repo.commitAll("feature");
        return repo;
    }

    private Map<String, String> env(String headRepo) throws IOException {
        String sha = GitFixture.cli(repo.dir, "rev-parse", "HEAD").strip();
        Path event = tmp.resolve("event.json");
        Files.writeString(event, "{\"pull_request\": {\"number\": 7, \"head\": {\"sha\": \"" + sha
                + "\", \"repo\": {\"full_name\": \"" + headRepo + "\"}}, \"base\": {\"repo\": {\"full_name\": \"octo/shop\"}}}}");
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_REPOSITORY", "octo/shop");
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_EVENT_PATH", event.toString());
        env.put("GITHUB_API_URL", github.url());
        env.put("GITHUB_BASE_REF", null);
        env.put("GITHUB_STEP_SUMMARY", null);
        return env;
    }

    private ProcessCli.Run review(Map<String, String> env) {
        ProcessCli.Run r = ProcessCli.run(repo.dir, env, "review", "--base", "main");
        assertFalse(r.all().contains(TOKEN), "the token was printed:\n" + r.all());
        for (String line : r.all().split("\n")) {
            assertFalse(line.startsWith("::"), "a workflow command reached the log: " + line);
        }
        assertTrue(github.schemaErrors.isEmpty(), github.schemaErrors::toString);
        for (FakeGitHub.Request q : github.requests) {
            assertEquals("Bearer " + TOKEN, q.authorization(), q.path());
            assertFalse(q.body().contains(TOKEN), "the token is in a request body");
        }
        return r;
    }

    private int checkExit() {
        return ProcessCli.run(repo.dir, Map.of("GITHUB_BASE_REF", ""), "check", "--changed", "--base", "main").exit();
    }

    /** What {@code migralint fix} writes for the migration (the working tree is restored afterwards). */
    private String fixed() throws IOException {
        String before = repo.read(MIGRATION);
        ProcessCli.Run r = ProcessCli.run(repo.dir, "fix", MIGRATION);
        assertTrue(r.exit() <= 1, r.all());
        String after = repo.read(MIGRATION);
        repo.write(MIGRATION, before);
        return after;
    }

    /** The file with every suggestion of the review comments on it applied, as GitHub applies them. */
    static String applySuggestions(String text, List<ObjectNode> comments, String path) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        List<ObjectNode> mine = comments.stream().filter(c -> c.path("path").asText().equals(path))
                .filter(c -> suggestion(c.path("body").asText()) != null)
                .sorted(Comparator.comparingInt((ObjectNode c) -> c.path("line").asInt()).reversed()).toList();
        int previousStart = Integer.MAX_VALUE;
        for (ObjectNode c : mine) {
            int end = c.path("line").asInt();
            int start = c.has("start_line") ? c.path("start_line").asInt() : end;
            assertTrue(end < previousStart, "suggestions overlap");
            previousStart = start;
            List<String> replacement = suggestion(c.path("body").asText());
            for (int i = start; i <= end; i++) {
                lines.remove(start - 1);
            }
            lines.addAll(start - 1, replacement);
        }
        return String.join("\n", lines);
    }

    /** The lines of the suggestion block of a comment body, or null. */
    static List<String> suggestion(String body) {
        List<String> out = null;
        String fence = null;
        for (String line : body.split("\n", -1)) {
            if (fence == null) {
                Matcher m = OPEN_FENCE.matcher(line);
                if (m.matches() && m.group(2).equals("suggestion")) {
                    fence = m.group(1);
                    out = new ArrayList<>();
                }
            } else if (line.equals(fence)) {
                return out;
            } else {
                out.add(line);
            }
        }
        return null;
    }

    /**
     * The body's Markdown is inert: every fence closes, and outside fences no @mention, no HTML comment but the final
     * marker, no raw tag.
     */
    static void assertInert(String body) {
        String fence = null;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (fence == null) {
                Matcher m = OPEN_FENCE.matcher(line);
                if (m.matches()) {
                    fence = m.group(1);
                    continue;
                }
                boolean marker = i == lines.length - 1 && Markdown.markerOf(body) != null;
                if (!marker) {
                    assertFalse(line.contains("<!--"), "an HTML comment opens outside a fence: " + line);
                }
                assertFalse(Pattern.compile("(^|[^\\w`])@[A-Za-z0-9]").matcher(line).find(), "a mention: " + line);
                assertFalse(Pattern.compile("<(?!/?(a|code|b|br|sub)\\b|!-- migralint:)").matcher(line).find(), "raw HTML: " + line);
            } else if (line.matches("`{" + fence.length() + ",}")) {
                fence = null;
            }
        }
        assertEquals(null, fence, "a fence is left open:\n" + body);
    }

    @Test
    void suggestionsApplyToExactlyWhatFixWritesAndOneSummaryIsPosted() throws IOException {
        feature(RISKY);
        ProcessCli.Run r = review(env("octo/shop"));
        assertEquals(checkExit(), r.exit(), r.all());
        assertEquals(1, r.exit(), r.all());
        long reviews = github.writes().stream().filter(q -> q.path().endsWith("/pulls/7/reviews")).count();
        assertEquals(1, reviews, github.writes().toString());
        assertTrue(github.reviewComments.stream().anyMatch(c -> c.path("body").asText().contains("```suggestion")));
        assertTrue(github.reviewComments.stream().anyMatch(c -> c.path("body").asText().contains("adding-required-field")
                && c.path("body").asText().contains("--unsafe-fixes") && suggestion(c.path("body").asText()) == null),
                "the unsafe rewrite is named, not suggested");
        github.reviewComments.forEach(c -> assertInert(c.path("body").asText()));
        String head = GitFixture.cli(repo.dir, "rev-parse", "HEAD").strip();
        github.reviewComments.forEach(c -> assertEquals(head, c.path("commit_id").asText()));
        assertEquals(fixed(), applySuggestions(RISKY, github.reviewComments, MIGRATION));
        assertEquals(1, github.issueComments.size());
        String summary = github.issueComments.get(0).path("body").asText();
        assertTrue(summary.contains("NOT SAFE TO DEPLOY") && summary.contains("What to do next"), summary);
        assertTrue(summary.contains("Deployment runbook") && summary.contains("ROLLBACK SCRIPTS"), "the runbook of migralint plan: " + summary);
        assertEquals("summary", Markdown.markerOf(summary)[0]);
        assertInert(summary);
    }

    @Test
    void aSecondRunOnTheSameCommitPostsNothing() throws IOException {
        feature(RISKY);
        review(env("octo/shop"));
        int comments = github.reviewComments.size();
        int writes = github.writes().size();
        assertTrue(comments >= 2, github.reviewComments.toString());
        ProcessCli.Run again = review(env("octo/shop"));
        assertEquals(1, again.exit(), again.all());
        assertEquals(writes, github.writes().size(), "the second run wrote: " + github.writes());
        assertEquals(comments, github.reviewComments.size());
        assertTrue(again.err().contains("0 comment(s) posted, 0 marked fixed, summary unchanged"), again.all());
    }

    @Test
    void aRunAfterTheFixMarksTheFixedCommentsAndKeepsTheRest() throws IOException {
        feature(RISKY);
        review(env("octo/shop"));
        List<String> before = github.reviewComments.stream().map(c -> c.path("body").asText()).toList();
        String fixed = fixed();
        repo.write(MIGRATION, fixed);
        repo.commitAll("apply migralint's suggestions");
        ProcessCli.Run r = review(env("octo/shop"));
        assertEquals(checkExit(), r.exit(), r.all());
        List<FakeGitHub.Request> patches = github.writes().stream()
                .filter(q -> q.method().equals("PATCH") && q.path().contains("/pulls/comments/")).toList();
        long withSuggestion = before.stream().filter(b -> suggestion(b) != null).count();
        assertEquals(withSuggestion, patches.size(), patches.toString());
        List<Long> patched = patches.stream().map(q -> Long.parseLong(q.path().replaceAll(".*/", ""))).sorted().toList();
        assertEquals(patched, github.resolvedThreads.stream().sorted().toList(), "their conversations are resolved");
        for (ObjectNode c : github.reviewComments) {
            String body = c.path("body").asText();
            if (body.contains("Fixed")) {
                assertEquals("fixed", Markdown.markerOf(body)[0]);
                assertTrue(suggestion(body) == null, "a fixed comment keeps no suggestion to apply");
            } else {
                assertTrue(body.contains("adding-required-field"), body);
            }
        }
        assertEquals(before.size(), github.reviewComments.size(), "nothing posted twice");
        assertEquals(1, github.issueComments.size(), "the summary is edited in place");
        assertTrue(github.writes().stream().anyMatch(q -> q.method().equals("PATCH") && q.path().contains("/issues/comments/")));
        // And once more on the same commit: nothing.
        int writes = github.writes().size();
        review(env("octo/shop"));
        assertEquals(writes, github.writes().size(), github.writes().toString());
    }

    @Test
    void aForkPullRequestPostsNothingAndExitsAsCheck() throws IOException {
        feature(RISKY);
        ProcessCli.Run r = review(env("mallory/shop"));
        assertEquals(checkExit(), r.exit(), r.all());
        assertTrue(github.requests.isEmpty(), github.requests.toString());
        assertEquals(1, r.err().split("fork").length - 1, r.err());
        assertTrue(r.out().contains("NOT SAFE TO DEPLOY"), r.out());
    }

    @Test
    void aReadOnlyTokenPostsNothingSaysSoOnceAndExitsAsCheck() throws IOException {
        feature(RISKY);
        github.readOnly = true;
        ProcessCli.Run r = review(env("octo/shop"));
        assertEquals(checkExit(), r.exit(), r.all());
        assertTrue(github.reviewComments.isEmpty() && github.issueComments.isEmpty());
        assertEquals(1, github.writes().size(), "stops at the first refusal: " + github.writes());
        assertEquals(1, r.err().split("read-only").length - 1, r.err());
    }

    @Test
    void rateLimitsAreWaitedForAndRetried() throws IOException {
        feature(RISKY);
        github.refusals.add(new FakeGitHub.Refusal(403, Map.of("retry-after", "1"),
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."));
        long reset = System.currentTimeMillis() / 1000 + 1;
        github.refusals.add(new FakeGitHub.Refusal(429, Map.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(reset)), "API rate limit exceeded"));
        ProcessCli.Run r = review(env("octo/shop"));
        assertEquals(1, r.exit(), r.all());
        assertEquals(3, github.writes().stream().filter(q -> q.path().endsWith("/pulls/7/reviews")).count());
        assertFalse(github.reviewComments.isEmpty());
        assertEquals(1, github.issueComments.size());
    }

    @Test
    void aRateLimitThatLastsIsReportedAndExits2OnlyWhenNothingWasPosted() throws IOException {
        feature(RISKY);
        for (int i = 0; i < 8; i++) {
            github.refusals.add(new FakeGitHub.Refusal(429, Map.of("retry-after", "1"), "API rate limit exceeded"));
        }
        ProcessCli.Run r = review(env("octo/shop"));
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("rate limit") && r.err().contains("gave up after 4 tries"), r.err());
        assertTrue(r.err().contains("nothing could be posted"), r.err());

        // Only the review is refused: the summary is posted, so the run exits as check would.
        github.refusals.clear();
        for (int i = 0; i < 4; i++) {
            github.refusals.add(new FakeGitHub.Refusal(429, Map.of("retry-after", "1"), "API rate limit exceeded"));
        }
        ProcessCli.Run partly = review(env("octo/shop"));
        assertEquals(1, partly.exit(), partly.all());
        assertTrue(partly.err().contains("gave up"), partly.err());
        assertEquals(1, github.issueComments.size());
    }

    @Test
    void hostileMigrationTextGivesInertValidComments() throws IOException {
        String hostile = "-- ``` <!-- @octocat please look\n"
                + "CREATE INDEX idx_users_email ON users (email); -- ```` @org/team <!-- x\n"
                + "::error file=a.sql,line=1::pwned\n"
                + "CREATE TABLE \"o```rders <!-- @admin\" (id bigint);\n";
        // The third line is SQL nonsense on purpose: migralint reports it and must print it inertly.
        feature(hostile);
        ProcessCli.Run r = review(env("octo/shop"));
        assertTrue(r.exit() == 1 || r.exit() == 0, r.all());
        assertFalse(github.reviewComments.isEmpty(), r.all());
        for (ObjectNode c : github.reviewComments) {
            String body = c.path("body").asText();
            assertInert(body);
            List<String> s = suggestion(body);
            if (s != null) {
                for (String line : s) {
                    assertFalse(line.matches("`{" + fenceOf(body).length() + ",}"), "a line closes the fence");
                }
            }
        }
        assertTrue(github.reviewComments.stream().anyMatch(c -> suggestion(c.path("body").asText()) != null
                && fenceOf(c.path("body").asText()).length() > 4), "the fence outgrows the migration's backticks");
        assertEquals(fixed(), applySuggestions(hostile, github.reviewComments, MIGRATION));
        github.issueComments.forEach(c -> assertInert(c.path("body").asText()));
    }

    @Test
    void aQuotedMarkerFromAPersonSilencesNothing() throws IOException {
        feature(RISKY);
        review(env("octo/shop"));
        List<ObjectNode> ours = new ArrayList<>(github.reviewComments);
        github.reviewComments.clear();
        for (ObjectNode c : ours) {
            github.addHumanReviewComment(c.path("path").asText(), c.path("line").asInt(), c.path("body").asText());
        }
        github.issueComments.clear();
        review(env("octo/shop"));
        assertEquals(ours.size() * 2, github.reviewComments.size(), "the bot posts its own comments again");
    }

    private static String fenceOf(String body) {
        for (String line : body.split("\n")) {
            Matcher m = OPEN_FENCE.matcher(line);
            if (m.matches() && m.group(2).equals("suggestion")) {
                return m.group(1);
            }
        }
        throw new AssertionError("no suggestion in " + body);
    }

    @Test
    void theVendoredSchemasRejectWhatGitHubWouldRefuse() throws IOException {
        assertFalse(FakeGitHub.schema("pulls-create-review").validate("{\"event\": \"SHOUT\"}",
                com.networknt.schema.InputFormat.JSON).isEmpty());
        assertFalse(FakeGitHub.schema("pulls-create-review").validate("{\"comments\": [{\"path\": \"a.sql\"}]}",
                com.networknt.schema.InputFormat.JSON).isEmpty());
        assertFalse(FakeGitHub.schema("issues-create-comment").validate("{}", com.networknt.schema.InputFormat.JSON).isEmpty());
        assertNotNull(FakeGitHub.schema("pulls-update-review-comment"));
        assertFalse(FakeGitHub.schema("issues-update-comment").validate("{\"body\": 3}",
                com.networknt.schema.InputFormat.JSON).isEmpty());
    }
}
