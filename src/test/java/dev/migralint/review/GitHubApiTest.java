package dev.migralint.review;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's waits: what GitHub's rate-limit headers ask for, within limits. */
class GitHubApiTest {
    private static GitHubApi api(FakeGitHub github, List<Duration> waits, Duration longest) {
        return new GitHubApi(URI.create(github.url()), "t0ken", HttpClient.newHttpClient(), waits::add, 3, longest);
    }

    @Test
    void waitsAsTheHeadersSayThenSucceeds() throws Exception {
        try (FakeGitHub github = new FakeGitHub()) {
            long reset = System.currentTimeMillis() / 1000 + 600;
            github.refusals.add(new FakeGitHub.Refusal(403, Map.of("x-ratelimit-remaining", "0",
                    "x-ratelimit-reset", Long.toString(reset)), "API rate limit exceeded"));
            github.refusals.add(new FakeGitHub.Refusal(429, Map.of("retry-after", "7"), "slow down"));
            github.refusals.add(new FakeGitHub.Refusal(403, Map.of(), "You have exceeded a secondary rate limit"));
            List<Duration> waits = new ArrayList<>();
            api(github, waits, Duration.ofSeconds(900)).post("/repos/o/r/issues/1/comments",
                    JsonNodeFactory.instance.objectNode().put("body", "hi"));
            assertEquals(3, waits.size(), waits.toString());
            // Until the reset time, whatever this slow machine spent getting there.
            assertTrue(waits.get(0).getSeconds() >= 500 && waits.get(0).getSeconds() <= 600, waits.toString());
            assertEquals(Duration.ofSeconds(7), waits.get(1));
            assertEquals(Duration.ofSeconds(60), waits.get(2), "a secondary limit without headers: a minute");
            assertEquals(1, github.issueComments.size());
        }
    }

    @Test
    void aWaitTooLongOrTooManyRefusalsFailWithAMessage() throws Exception {
        try (FakeGitHub github = new FakeGitHub()) {
            github.refusals.add(new FakeGitHub.Refusal(429, Map.of("retry-after", "3600"), "API rate limit exceeded"));
            List<Duration> waits = new ArrayList<>();
            GitHubApi.Failure f = assertThrows(GitHubApi.Failure.class, () -> api(github, waits, Duration.ofSeconds(90))
                    .post("/repos/o/r/issues/1/comments", JsonNodeFactory.instance.objectNode().put("body", "x")));
            assertTrue(waits.isEmpty());
            assertTrue(f.rateLimited() && !f.readOnly(), f.getMessage());
            assertFalse(f.getMessage().contains("t0ken"));
            for (int i = 0; i < 4; i++) {
                github.refusals.add(new FakeGitHub.Refusal(429, Map.of("retry-after", "1"), "API rate limit exceeded"));
            }
            GitHubApi.Failure g = assertThrows(GitHubApi.Failure.class, () -> api(github, waits, Duration.ofSeconds(90))
                    .post("/repos/o/r/issues/1/comments", JsonNodeFactory.instance.objectNode().put("body", "x")));
            assertEquals(3, waits.size());
            assertTrue(g.getMessage().contains("gave up after 4 tries"), g.getMessage());
        }
    }

    @Test
    void aReadOnlyTokenIsNoRateLimit() throws Exception {
        try (FakeGitHub github = new FakeGitHub()) {
            github.readOnly = true;
            List<Duration> waits = new ArrayList<>();
            GitHubApi.Failure f = assertThrows(GitHubApi.Failure.class, () -> api(github, waits, Duration.ofSeconds(90))
                    .post("/repos/o/r/issues/1/comments", JsonNodeFactory.instance.objectNode().put("body", "x")));
            assertTrue(f.readOnly(), f.getMessage());
            assertTrue(waits.isEmpty());
        }
    }
}
