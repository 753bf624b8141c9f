-- Issue 15, part A: decisions are history, refused attempts are recorded at most once per 10 minutes, and a run
-- remembers the release's status it started in (a check before the deploy succeeded moves nothing).

-- The voter's role when they voted; votes cast before this migration keep NULL ("not recorded"), never a guess
-- made from today's users.
ALTER TABLE "Decision" ADD COLUMN "authorRole" "Role";

ALTER TABLE "Run" ADD COLUMN "startedInStatus" "ReleaseStatus";

-- One row per person and release: when their last refused attempt was recorded. decide.ts upserts it with
--   ON CONFLICT ("releaseId", "userId") DO UPDATE ... WHERE "recordedAt" <= now - 10 minutes
-- so of any number of concurrent refusals exactly one moves the row and writes the decision.denied event.
CREATE TABLE "DecisionDenial" (
    "releaseId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DecisionDenial_pkey" PRIMARY KEY ("releaseId","userId")
);

ALTER TABLE "DecisionDenial" ADD CONSTRAINT "DecisionDenial_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "DecisionDenial" ADD CONSTRAINT "DecisionDenial_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
