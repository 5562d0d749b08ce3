package dev.migralint.review;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the pull request of a GitHub Actions run: from the {@code pull_request} (or {@code pull_request_target})
 * event payload, from a {@code workflow_run} payload's pull request, or from the command line (the
 * {@code workflow_run} pattern for forks passes the number on from the untrusted workflow).
 */
public final class PullRequestEvent {
    /** The pull request, or why there is none. */
    public record Found(PullRequest pullRequest, String problem) {}

    private PullRequestEvent() {
    }

    public static Found find(Map<String, String> env, Integer number, String sha, String repository) {
        String repo = repository != null ? repository : env.get("GITHUB_REPOSITORY");
        if (repo == null || !repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            return new Found(null, "GITHUB_REPOSITORY (owner/name) is not set; give --repository");
        }
        JsonNode event = event(env.get("GITHUB_EVENT_PATH"));
        JsonNode pr = event.path("pull_request");
        boolean fork = false;
        Integer n = number;
        String head = sha;
        if (pr.isObject()) {
            if (n == null && pr.path("number").canConvertToInt()) {
                n = pr.path("number").asInt();
            }
            if (head == null && pr.path("head").path("sha").isTextual()) {
                head = pr.path("head").path("sha").asText();
            }
            String headRepo = pr.path("head").path("repo").path("full_name").asText("");
            String baseRepo = pr.path("base").path("repo").path("full_name").asText(repo);
            // pull_request_target runs with the base repository's token: not read-only.
            fork = !headRepo.equals(baseRepo) && !"pull_request_target".equals(env.get("GITHUB_EVENT_NAME"));
        }
        JsonNode run = event.path("workflow_run");
        if (run.isObject()) {
            JsonNode prs = run.path("pull_requests");
            if (n == null && prs.isArray() && prs.size() > 0 && prs.get(0).path("number").canConvertToInt()) {
                n = prs.get(0).path("number").asInt();
            }
            if (head == null && run.path("head_sha").isTextual()) {
                head = run.path("head_sha").asText();
            }
        }
        if (n == null || n <= 0) {
            return new Found(null, "no pull request: this is not a pull_request event; give --pull-request");
        }
        if (head != null && !head.matches("[0-9a-fA-F]{7,64}")) {
            return new Found(null, "the head commit is not a commit id");
        }
        return new Found(new PullRequest(repo, n, head, fork), null);
    }

    private static JsonNode event(String path) {
        if (path == null || path.isBlank()) {
            return GitHubApi.JSON.missingNode();
        }
        try {
            return GitHubApi.JSON.readTree(Files.readString(Path.of(path)));
        } catch (IOException | RuntimeException e) {
            return GitHubApi.JSON.missingNode();
        }
    }
}
