-- Rollout controls (docs/canary.md): a bake can be paused and resumed, a run can be aborted with a reason.
ALTER TABLE "RunStep" ADD COLUMN "pausedAt" TIMESTAMPTZ(3),
  ADD COLUMN "pausedBy" TEXT,
  ADD COLUMN "pausedMs" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Run" ADD COLUMN "abortedBy" TEXT,
  ADD COLUMN "abortReason" TEXT;
