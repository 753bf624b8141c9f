-- The Markdown of the runbook a template was last imported from (credentials already replaced by ${NAME}): what a
-- re-import diffs the changed runbook against, so edits made in Countdown since are kept. Null when not imported.
ALTER TABLE "Template" ADD COLUMN "runbook" TEXT;
