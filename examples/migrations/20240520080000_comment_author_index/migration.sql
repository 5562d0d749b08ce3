-- CreateIndex
-- Hand-edited: CONCURRENTLY avoids blocking writes to "Comment". It only works
-- because it is the single statement in this file (no implicit transaction).
CREATE INDEX CONCURRENTLY "Comment_authorId_idx" ON "Comment"("authorId");
