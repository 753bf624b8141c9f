// POST /api/templates/import?name= - a Markdown runbook (text/markdown body, up to 1 MB) becomes a template; 201 with counts and what could not be placed (release manager)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { ZImportResult } from "@/lib/schemas/template";
import { MANAGERS } from "@/lib/auth/roles";
import { importTemplate, MAX_RUNBOOK_BYTES } from "@/lib/templates/import-template";

const ZImportQuery = z.object({ name: z.string().trim().max(200).optional() }).strict();
const ZRunbookBody = z.instanceof(Buffer);

export const POST = route(
  { roles: MANAGERS, query: ZImportQuery, body: ZRunbookBody, bodyKind: "text", maxBodyBytes: MAX_RUNBOOK_BYTES, status: 201, response: ZImportResult },
  ({ body, query, caller }) => importTemplate(body, query.name, caller),
);
