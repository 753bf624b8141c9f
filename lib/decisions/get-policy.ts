import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ReleaseType } from "@/lib/generated/prisma/enums";
import { effectivePolicy } from "@/lib/decisions/policy";
import type { TPolicyView } from "@/lib/schemas/decision";

export async function getPolicy(templateId: string, releaseType: ReleaseType): Promise<TPolicyView> {
  const template = await db().template.findUnique({ where: { id: templateId }, select: { id: true } });
  if (!template) throw new AppError("NOT_FOUND", "Template not found");
  return effectivePolicy(db(), templateId, releaseType);
}
