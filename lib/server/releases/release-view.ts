import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What the release page and GET /api/releases/:id read: the plan with its live checklist state. */
export const releaseInclude = {
  template: { select: { id: true, name: true } },
  createdBy: { select: { id: true, name: true } },
  phases: {
    orderBy: { position: "asc" },
    include: { items: { orderBy: { position: "asc" }, include: { checkedBy: { select: { id: true, name: true } } } } },
  },
} satisfies Prisma.ReleaseInclude;

export type ReleaseWithPlan = Prisma.ReleaseGetPayload<{ include: typeof releaseInclude }>;

export function toReleaseView(r: ReleaseWithPlan) {
  const items = r.phases.flatMap((p) => p.items);
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    type: r.type,
    environment: r.environment,
    status: r.status,
    scheduledAt: r.scheduledAt.toISOString(),
    commitSha: r.commitSha,
    imageTag: r.imageTag,
    autoRollback: r.autoRollback,
    template: r.template,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    lastSeq: r.lastSeq,
    progress: { checked: items.filter((i) => i.checked).length, total: items.length },
    phases: r.phases.map((p) => ({
      id: p.id,
      title: p.title,
      offsetMinutes: p.offsetMinutes,
      dueAt: p.dueAt?.toISOString() ?? null,
      items: p.items.map((i) => ({
        id: i.id,
        text: i.text,
        required: i.required,
        ownerRole: i.ownerRole,
        checked: i.checked,
        checkedBy: i.checkedBy,
        checkedAt: i.checkedAt?.toISOString() ?? null,
        note: i.note,
        version: i.version,
      })),
    })),
  };
}

export type ReleaseView = ReturnType<typeof toReleaseView>;
export type ReleaseItemView = ReleaseView["phases"][number]["items"][number];
