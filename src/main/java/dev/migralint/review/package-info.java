/**
 * Pull-request review: turns a run's findings and the fix stage's rewrites into GitHub review comments with
 * suggested changes and one summary comment, and keeps them current across pushes. The last stage of the pipeline
 * (after {@code report}): it reads findings, fixes and the deployment summary, and nothing reads it back.
 */
package dev.migralint.review;
