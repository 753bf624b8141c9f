-- What an import placed of the runbook ({ blocks, placed, unplaced }, lib/schemas/runbook.ts ZImportCoverage); null for
-- templates made otherwise or imported before it was counted.
ALTER TABLE "Template" ADD COLUMN "coverage" JSONB;
