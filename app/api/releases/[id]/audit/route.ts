// GET /api/releases/:id/audit?format=json|csv - the release's full history with the hash chain (manager, admin)
import { route } from "@/lib/api/route";
import { textAnswer } from "@/lib/api/answers";
import { ZAuditExport } from "@/lib/schemas/audit";
import { MANAGERS } from "@/lib/auth/roles";
import { ZAuditQuery } from "@/lib/schemas/decision";
import { ZReleaseParams } from "@/lib/schemas/release";
import { auditCsv, exportAudit } from "@/lib/audit/export-audit";

export const GET = route(
  {
    roles: MANAGERS,
    params: ZReleaseParams,
    query: ZAuditQuery,
    response: ZAuditExport,
    alsoAnswers: [textAnswer("text/csv", "?format=csv: the events as CSV")],
  },
  async ({ params, query }) => {
    const audit = await exportAudit(params.id);
    if (query.format === "json") return audit;
    return new Response(auditCsv(audit), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${params.id}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
