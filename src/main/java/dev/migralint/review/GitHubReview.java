package dev.migralint.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a pull request's migralint comments up to date: posts the planned comments that are not there yet (in
 * reviews of at most {@link #PER_REVIEW} comments), marks as fixed the comments whose finding is gone (and resolves
 * their conversations), and writes the
 * one summary comment, editing it in place. Comments are recognised by the marker they end with, and only when a bot
 * wrote them: a person cannot silence a finding by quoting a marker.
 */
public final class GitHubReview {
    /** Comments per review: GitHub documents no hard limit, but large reviews hit its secondary limits. */
    static final int PER_REVIEW = 30;

    /**
     * What a run did.
     *
     * @param posted   review comments posted
     * @param resolved comments marked fixed
     * @param summary  "created", "updated", "unchanged" or null when it could not be written
     * @param problems what went wrong, one line each
     * @param readOnly the token may not write: nothing more was tried
     * @param attempted writes that were needed (0: the pull request was already current)
     */
    public record Outcome(int posted, int resolved, String summary, List<String> problems, boolean readOnly,
                          int attempted) {
        /** Something had to be written and nothing could be. */
        public boolean nothingPosted() {
            return attempted > 0 && posted == 0 && resolved == 0 && summary == null;
        }
    }

    private final GitHubApi api;
    private final PullRequest pr;

    public GitHubReview(GitHubApi api, PullRequest pr) {
        this.api = api;
        this.pr = pr;
    }

    /**
     * @param comments     the comments this commit calls for
     * @param present      every current finding's fingerprint by path (also those that get no comment): a comment
     *                     is marked fixed only when its finding is gone
     * @param summaryBody  the summary comment, without its marker
     */
    public Outcome run(List<PlannedComment> comments, Map<String, Set<String>> present, String summaryBody) {
        List<String> problems = new ArrayList<>();
        int attempted = 0;
        int posted = 0;
        int resolved = 0;
        String summary = null;
        Map<String, JsonNode> active = new HashMap<>();
        try {
            for (JsonNode c : api.list(pr.repoPath() + "/pulls/" + pr.number() + "/comments")) {
                String[] marker = ours(c);
                if (marker != null && marker[0].equals("finding")) {
                    active.put(c.path("path").asText() + "\u0000" + marker[1], c);
                }
            }
        } catch (GitHubApi.Failure e) {
            // Without the existing comments a post could repeat one: post nothing.
            problems.add(e.getMessage());
            return new Outcome(0, 0, null, problems, e.readOnly(), 1);
        }
        List<PlannedComment> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PlannedComment c : comments) {
            String id = c.path() + "\u0000" + c.key();
            if (!active.containsKey(id) && seen.add(id)) {
                fresh.add(c);
            }
        }
        List<JsonNode> gone = new ArrayList<>();
        for (JsonNode c : active.values()) {
            String key = ours(c)[1];
            String fp = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
            if (!present.getOrDefault(c.path("path").asText(), Set.of()).contains(fp)) {
                gone.add(c);
            }
        }
        gone.sort(Comparator.comparingLong(c -> c.path("id").asLong()));
        boolean readOnly = false;
        for (int from = 0; from < fresh.size() && !readOnly; from += PER_REVIEW) {
            List<PlannedComment> batch = fresh.subList(from, Math.min(fresh.size(), from + PER_REVIEW));
            attempted++;
            try {
                api.post(pr.repoPath() + "/pulls/" + pr.number() + "/reviews", review(batch));
                posted += batch.size();
            } catch (GitHubApi.Failure e) {
                if (e.readOnly()) {
                    readOnly = true;
                    problems.add(e.getMessage());
                } else if (e.status() == 422 && batch.size() > 1) {
                    // One comment GitHub refuses (a line it does not count as on the diff) must not cost the rest.
                    for (PlannedComment c : batch) {
                        try {
                            api.post(pr.repoPath() + "/pulls/" + pr.number() + "/reviews", review(List.of(c)));
                            posted++;
                        } catch (GitHubApi.Failure single) {
                            problems.add(c.path() + ":" + c.line() + ": " + single.getMessage());
                        }
                    }
                } else {
                    problems.add(e.getMessage());
                }
            }
        }
        Set<Long> fixedIds = new HashSet<>();
        for (JsonNode c : gone) {
            if (readOnly) {
                break;
            }
            attempted++;
            String key = ours(c)[1];
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("body", "✅ **Fixed**: migralint no longer reports this at " + shortSha() + "."
                    + Markdown.marker("fixed", key));
            try {
                api.patch(pr.repoPath() + "/pulls/comments/" + c.path("id").asLong(), body);
                resolved++;
                fixedIds.add(c.path("id").asLong());
            } catch (GitHubApi.Failure e) {
                readOnly = e.readOnly();
                problems.add(e.getMessage());
            }
        }
        if (!readOnly && !fixedIds.isEmpty()) {
            try {
                resolveThreads(fixedIds);
            } catch (GitHubApi.Failure e) {
                // The comments already say Fixed; an open conversation is the lesser loss.
                problems.add(e.getMessage());
            }
        }
        if (!readOnly) {
            String full = summaryBody + Markdown.marker("summary", "1");
            try {
                JsonNode existing = null;
                for (JsonNode c : api.list(pr.repoPath() + "/issues/" + pr.number() + "/comments")) {
                    String[] marker = ours(c);
                    if (marker != null && marker[0].equals("summary")) {
                        existing = c;
                    }
                }
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("body", full);
                if (existing != null && existing.path("body").asText().equals(full)) {
                    summary = "unchanged";
                } else if (existing != null) {
                    attempted++;
                    api.patch(pr.repoPath() + "/issues/comments/" + existing.path("id").asLong(), body);
                    summary = "updated";
                } else {
                    attempted++;
                    api.post(pr.repoPath() + "/issues/" + pr.number() + "/comments", body);
                    summary = "created";
                }
            } catch (GitHubApi.Failure e) {
                readOnly = e.readOnly();
                problems.add(e.getMessage());
            }
        }
        return new Outcome(posted, resolved, summary, problems, readOnly, attempted);
    }

    private static final String THREADS = "query($owner: String!, $name: String!, $number: Int!, $cursor: String) {"
            + " repository(owner: $owner, name: $name) { pullRequest(number: $number) {"
            + " reviewThreads(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor }"
            + " nodes { id isResolved comments(first: 1) { nodes { databaseId } } } } } } }";
    private static final String RESOLVE = "mutation($id: ID!) { resolveReviewThread(input: {threadId: $id})"
            + " { thread { id isResolved } } }";

    /** Resolves the conversations that start with these comments (GraphQL: REST cannot resolve a thread). */
    private void resolveThreads(Set<Long> firstCommentIds) throws GitHubApi.Failure {
        String[] ownerName = pr.repository().split("/", 2);
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            ObjectNode vars = JsonNodeFactory.instance.objectNode();
            vars.put("owner", ownerName[0]).put("name", ownerName[1]).put("number", pr.number());
            if (cursor == null) {
                vars.putNull("cursor");
            } else {
                vars.put("cursor", cursor);
            }
            JsonNode threads = api.graphql(THREADS, vars).path("repository").path("pullRequest").path("reviewThreads");
            for (JsonNode t : threads.path("nodes")) {
                long first = t.path("comments").path("nodes").path(0).path("databaseId").asLong(-1);
                if (!t.path("isResolved").asBoolean(false) && firstCommentIds.contains(first)) {
                    api.graphql(RESOLVE, JsonNodeFactory.instance.objectNode().put("id", t.path("id").asText()));
                }
            }
            if (!threads.path("pageInfo").path("hasNextPage").asBoolean(false)) {
                return;
            }
            cursor = threads.path("pageInfo").path("endCursor").asText();
        }
    }

    private String shortSha() {
        String sha = pr.headSha() == null ? "" : pr.headSha().replaceAll("[^0-9a-fA-F]", "");
        return sha.isEmpty() ? "this commit" : "commit " + sha.substring(0, Math.min(7, sha.length()));
    }

    private ObjectNode review(List<PlannedComment> batch) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode review = f.objectNode();
        if (pr.headSha() != null && !pr.headSha().isBlank()) {
            review.put("commit_id", pr.headSha());
        }
        review.put("event", "COMMENT");
        review.put("body", "migralint: " + batch.size() + (batch.size() == 1 ? " finding" : " findings")
                + " on the lines this pull request changes. The summary comment has the whole picture."
                + Markdown.marker("review", "1"));
        ArrayNode list = review.putArray("comments");
        for (PlannedComment c : batch) {
            ObjectNode o = list.addObject();
            o.put("path", c.path());
            o.put("body", c.body());
            o.put("line", c.line());
            o.put("side", "RIGHT");
            if (c.multiLine()) {
                o.put("start_line", c.startLine());
                o.put("start_side", "RIGHT");
            }
        }
        return review;
    }

    /** The marker of a comment a bot wrote, or null. */
    private static String[] ours(JsonNode comment) {
        if (!"Bot".equals(comment.path("user").path("type").asText())) {
            return null;
        }
        return Markdown.markerOf(comment.path("body").asText(null));
    }
}
