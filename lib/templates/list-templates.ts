import "server-only";
import { db } from "@/lib/db";
import type { TTemplateList } from "@/lib/schemas/template";

export async function listTemplates(): Promise<TTemplateList> {
  const rows = await db().template.findMany({
    orderBy: { createdAt: "desc" },
    include: { phases: { select: { _count: { select: { items: true } } } }, _count: { select: { procedures: true, releases: true } } },
  });
  return {
    templates: rows.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      createdAt: t.createdAt.toISOString(),
      counts: {
        phases: t.phases.length,
        checklistItems: t.phases.reduce((n, p) => n + p._count.items, 0),
        procedures: t._count.procedures,
        releases: t._count.releases,
      },
    })),
  };
}
