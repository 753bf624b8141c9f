-- A release keeps the escalation ladder its template had when it was created (as it keeps its plan): the release
-- page's "Now: level N" must not change because someone edited or re-imported the template afterwards. Releases made
-- before this column get their template's ladder as it is now, the best that is known.
ALTER TABLE "Release" ADD COLUMN "escalation" JSONB NOT NULL DEFAULT '[]';
UPDATE "Release" r SET "escalation" = t."escalation" FROM "Template" t WHERE t.id = r."templateId";
