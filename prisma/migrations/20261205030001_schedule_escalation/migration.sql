-- Schedule tables (issue 18): a phase imported from a dated schedule keeps the date the runbook gave it; its
-- offsetMinutes is counted from the schedule's T-0 (its release row, else its last date), so a release made from
-- the template shifts every date by the distance between its own T-0 and that one.
ALTER TABLE "TemplatePhase" ADD COLUMN "scheduledAt" TIMESTAMPTZ(3);

-- The escalation ladder the runbook describes ([{ level, afterMinutes, action }], lib/schemas/runbook.ts
-- ZEscalationLevel), shown on the release page while a run is failing.
ALTER TABLE "Template" ADD COLUMN "escalation" JSONB NOT NULL DEFAULT '[]';
