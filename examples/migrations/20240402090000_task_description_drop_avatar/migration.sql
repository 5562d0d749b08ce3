/*
  Warnings:

  - You are about to drop the column `avatarUrl` on the `User` table. All the data in the column will be lost.

*/
-- AlterTable
-- Hand-edited: Prisma generated DROP COLUMN "body" + ADD COLUMN "description";
-- renamed instead so existing task text is kept.
ALTER TABLE "Task" RENAME COLUMN "body" TO "description";

-- AlterTable
ALTER TABLE "User" DROP COLUMN "avatarUrl";
