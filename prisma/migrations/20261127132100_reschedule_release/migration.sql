-- Moving T-0 and cancelling a release through the API (PATCH /api/releases/:id, POST /api/releases/:id/cancel)
-- carry the revision the caller saw.
ALTER TABLE "Release" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- A reminder fires once per T-0: the T-0 it was due for joins the key, so after T-0 moves it fires again at its
-- offset from the new one. Reminders that fired before this migration were due for the release's current T-0.
ALTER TABLE "ReleaseReminder" ADD COLUMN "scheduledAt" TIMESTAMPTZ(3);
UPDATE "ReleaseReminder" rr SET "scheduledAt" = r."scheduledAt" FROM "Release" r WHERE r.id = rr."releaseId";
ALTER TABLE "ReleaseReminder" ALTER COLUMN "scheduledAt" SET NOT NULL;

-- AlterTable
ALTER TABLE "ReleaseReminder" DROP CONSTRAINT "ReleaseReminder_pkey",
ADD CONSTRAINT "ReleaseReminder_pkey" PRIMARY KEY ("releaseId", "offsetMinutes", "scheduledAt");
