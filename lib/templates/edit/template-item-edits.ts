import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { reorder, withTemplateVersion } from "@/lib/templates/edit/with-template-version";
import type { TTemplateDeleted, TTemplateItemEdit } from "@/lib/schemas/template-edit";

type ItemPatch = {
  text?: string;
  details?: string | null;
  required?: boolean;
  ownerRole?: string | null;
  phaseId?: string;
  position?: number;
  version: number;
};

async function phaseOf(tx: Prisma.TransactionClient, templateId: string, phaseId: string) {
  const phase = await tx.templatePhase.findFirst({ where: { id: phaseId, templateId } });
  if (!phase) throw new AppError("UNPROCESSABLE", "phaseId: no such phase in this template", { field: "phaseId" });
  return phase;
}

/** Positions 0..n-1 in the phase, with `itemId` (if given) at `position`. */
async function renumber(tx: Prisma.TransactionClient, phaseId: string, itemId?: string, position = Number.MAX_SAFE_INTEGER) {
  const siblings = (await tx.templateItem.findMany({ where: { phaseId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
  const order = itemId ? reorder(siblings, itemId, position) : siblings;
  for (const [i, id] of order.entries()) await tx.templateItem.update({ where: { id }, data: { position: i } });
}

export function addTemplateItem(
  templateId: string,
  input: { phaseId: string; text: string; required: boolean; ownerRole: string | null; version: number },
): Promise<TTemplateItemEdit> {
  return withTemplateVersion(templateId, input.version, async (tx) => {
    await phaseOf(tx, templateId, input.phaseId);
    const count = await tx.templateItem.count({ where: { phaseId: input.phaseId } });
    const item = await tx.templateItem.create({
      data: { phaseId: input.phaseId, position: count, text: input.text, required: input.required, ownerRole: input.ownerRole },
    });
    return { item };
  });
}

export function updateTemplateItem(templateId: string, itemId: string, patch: ItemPatch): Promise<TTemplateItemEdit> {
  return withTemplateVersion(templateId, patch.version, async (tx) => {
    const item = await tx.templateItem.findFirst({ where: { id: itemId, phase: { templateId } } });
    if (!item) throw new AppError("NOT_FOUND", "Checklist item not found");
    const targetPhase = patch.phaseId ?? item.phaseId;
    if (patch.phaseId) await phaseOf(tx, templateId, patch.phaseId);
    await tx.templateItem.update({
      where: { id: itemId },
      data: {
        text: patch.text,
        details: patch.details === undefined ? undefined : patch.details || null,
        required: patch.required,
        ownerRole: patch.ownerRole,
        phaseId: targetPhase,
        ...(targetPhase !== item.phaseId ? { position: 1_000_000 } : {}),
      },
    });
    if (patch.position !== undefined || targetPhase !== item.phaseId) {
      await renumber(tx, targetPhase, itemId, patch.position);
      if (targetPhase !== item.phaseId) await renumber(tx, item.phaseId);
    }
    return { item: await tx.templateItem.findUniqueOrThrow({ where: { id: itemId } }) };
  });
}

export function deleteTemplateItem(templateId: string, itemId: string, version: number): Promise<TTemplateDeleted> {
  return withTemplateVersion(templateId, version, async (tx) => {
    const { count } = await tx.templateItem.deleteMany({ where: { id: itemId, phase: { templateId } } });
    if (!count) throw new AppError("NOT_FOUND", "Checklist item not found");
    return { deleted: itemId };
  });
}
