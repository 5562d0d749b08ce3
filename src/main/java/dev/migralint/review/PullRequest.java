package dev.migralint.review;

/**
 * The pull request a review goes to.
 *
 * @param repository "owner/name"
 * @param headSha    the commit the comments are made on (the pull request's head, not the merge commit)
 * @param fromFork   the head is in another repository: on {@code pull_request} events its token is read-only
 */
public record PullRequest(String repository, int number, String headSha, boolean fromFork) {
    public String repoPath() {
        return "/repos/" + repository;
    }
}
