-- AlterEnum
ALTER TYPE "TaskStatus" ADD VALUE 'ARCHIVED';

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "priority" INTEGER;

-- Backfill (hand-written): every existing task starts at normal priority.
UPDATE "Task" SET "priority" = 2;
