-- Releases are promoted along a path of environments (staging, then production): one row per environment of a
-- release, in order, with its own state (lib/releases/lifecycle.ts). A run remembers the state its environment was in.

-- CreateEnum
CREATE TYPE "ReleaseEnvironmentState" AS ENUM ('pending', 'deploying', 'verifying', 'deployed', 'failed', 'rolled_back');

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "startedInEnvironmentState" "ReleaseEnvironmentState";

-- CreateTable
CREATE TABLE "ReleaseEnvironment" (
    "id" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "environment" TEXT NOT NULL,
    "state" "ReleaseEnvironmentState" NOT NULL DEFAULT 'pending',
    "runId" UUID,
    "deployedAt" TIMESTAMPTZ(3),
    "verifiedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ReleaseEnvironment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseEnvironment_releaseId_position_key" ON "ReleaseEnvironment"("releaseId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseEnvironment_releaseId_environment_key" ON "ReleaseEnvironment"("releaseId", "environment");

-- AddForeignKey
ALTER TABLE "ReleaseEnvironment" ADD CONSTRAINT "ReleaseEnvironment_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing releases become paths of one: their environment, in the state their status says, with their latest deploy.
INSERT INTO "ReleaseEnvironment" (id, "releaseId", position, environment, state, "runId", "deployedAt", "verifiedAt")
SELECT gen_random_uuid(), r.id, 0, r.environment,
  (CASE r.status
     WHEN 'deploying' THEN 'deploying'
     WHEN 'verifying' THEN 'verifying'
     WHEN 'released' THEN 'deployed'
     WHEN 'rolled_back' THEN 'rolled_back'
     ELSE 'pending' END)::"ReleaseEnvironmentState",
  (SELECT d.id FROM "Run" d WHERE d."releaseId" = r.id AND d."procedureKind" = 'deploy' ORDER BY d."createdAt" DESC LIMIT 1),
  CASE WHEN r.status IN ('verifying', 'released') THEN r."updatedAt" END,
  CASE WHEN r.status = 'released' THEN r."updatedAt" END
FROM "Release" r;
