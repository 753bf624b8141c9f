// GET /api/templates/:id/export.md - the template written as a Markdown runbook that imports back as itself (signed in)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { textAnswer } from "@/lib/api/answers";
import { SIGNED_IN } from "@/lib/auth/roles";
import { exportTemplate } from "@/lib/templates/export-template";

export const GET = route({ roles: SIGNED_IN, params: z.object({ id: z.uuid() }).strict(), summary: "The template as a Markdown runbook", response: textAnswer("text/markdown", "the template as a Markdown runbook (a download)") }, async ({ params, caller }) => {
  const { fileName, markdown } = await exportTemplate(params.id, caller);
  return new Response(markdown, {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
});
