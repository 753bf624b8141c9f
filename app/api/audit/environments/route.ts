// GET /api/audit/environments - the global log of changes to environments and secrets (never values), newest first (admin)
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZEnvironmentAudit, ZEnvironmentAuditQuery } from "@/lib/schemas/environment";
import { listEnvironmentAudit } from "@/lib/environments/environment-audit";

export const GET = route({ roles: ADMINS, query: ZEnvironmentAuditQuery, response: ZEnvironmentAudit }, ({ query }) => listEnvironmentAudit(query));
