-- Hand-written: fail fast instead of queueing behind long transactions.
SET lock_timeout = '5s';

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "archivedById" INTEGER;
