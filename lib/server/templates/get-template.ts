import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export async function getTemplate(id: string) {
  const t = await db().template.findUnique({
    where: { id },
    include: {
      phases: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } },
      procedures: { orderBy: { position: "asc" }, include: { steps: { orderBy: { position: "asc" } } } },
    },
  });
  if (!t) throw new AppError("NOT_FOUND", "Template not found");
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    thresholds: t.thresholds,
    canaries: t.canaries,
    references: t.references,
    unplaced: t.unplaced,
    phases: t.phases.map((p) => ({
      id: p.id,
      title: p.title,
      offsetMinutes: p.offsetMinutes,
      items: p.items.map((i) => ({ id: i.id, text: i.text, kind: "check" as const, required: i.required, ownerRole: i.ownerRole })),
    })),
    procedures: t.procedures.map((pr) => ({
      id: pr.id,
      name: pr.name,
      kind: pr.kind,
      steps: pr.steps.map((s) => ({ ...(s.config as object), id: s.id, kind: s.kind, text: s.text })),
    })),
  };
}
