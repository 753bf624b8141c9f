import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TEnvironmentView } from "@/lib/schemas/environment";

/** What every query for an environment view loads: secret names and times only, never the sealed value. */
export const environmentSelect = {
  name: true,
  position: true,
  variables: true,
  requiredGoes: true,
  waitMinutes: true,
  deployers: true,
  allowedHosts: true,
  createdAt: true,
  updatedAt: true,
  secrets: { select: { name: true, updatedAt: true }, orderBy: { name: "asc" } },
} satisfies Prisma.EnvironmentSelect;

export type EnvironmentRow = Prisma.EnvironmentGetPayload<{ select: typeof environmentSelect }>;

const RECENT_KINDS = ["deploy", "rollback"] as const;

export const recentDeploysQuery = (environment: string, take = 5) =>
  ({
    where: { environment, procedureKind: { in: [...RECENT_KINDS] } },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      releaseId: true,
      procedureName: true,
      procedureKind: true,
      status: true,
      createdAt: true,
      finishedAt: true,
      release: { select: { name: true, version: true } },
      requestedBy: { select: { name: true } },
    },
  }) satisfies Prisma.RunFindManyArgs;

type DeployRow = Prisma.RunGetPayload<Pick<ReturnType<typeof recentDeploysQuery>, "select">>;

export function toEnvironmentView(row: EnvironmentRow, deploys: DeployRow[] = []): TEnvironmentView {
  return {
    name: row.name,
    position: row.position,
    variables: (row.variables ?? {}) as Record<string, string>,
    secrets: row.secrets.map((s) => ({ name: s.name, updatedAt: s.updatedAt.toISOString() })),
    protection: { requiredGoes: row.requiredGoes, waitMinutes: row.waitMinutes, deployers: row.deployers, allowedHosts: row.allowedHosts },
    recentDeploys: deploys.map((d) => ({
      runId: d.id,
      releaseId: d.releaseId,
      release: `${d.release.name} ${d.release.version}`,
      procedure: d.procedureName,
      kind: d.procedureKind,
      status: d.status.replace("_", "-"),
      requestedBy: d.requestedBy?.name ?? null,
      createdAt: d.createdAt.toISOString(),
      finishedAt: d.finishedAt?.toISOString() ?? null,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
