// POST /api/templates/:id/import?confirm=&version= - a changed Markdown runbook onto the template: the diff (items and steps added, removed, changed); with confirm=true and the version, applied keeping edits made in Countdown (release manager)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZReimportAnswer, ZReimportQuery } from "@/lib/schemas/template-import";
import { MAX_RUNBOOK_BYTES } from "@/lib/templates/import-template";
import { reimportTemplate } from "@/lib/templates/reimport-template";

export const POST = route(
  {
    roles: MANAGERS,
    params: z.object({ id: z.uuid() }).strict(),
    query: ZReimportQuery,
    body: z.instanceof(Buffer),
    bodyKind: "text",
    maxBodyBytes: MAX_RUNBOOK_BYTES,
    response: ZReimportAnswer,
    summary: "Preview, then apply, a changed runbook onto the template",
  },
  ({ params, query, body }) => reimportTemplate(params.id, body, { confirm: query.confirm === "true", version: query.version }),
);
