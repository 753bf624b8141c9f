import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Runs an edit of a template under optimistic concurrency: the version check and bump is one conditional
 * UPDATE (which also locks the template's row until the edit commits), so of two edits made from the same
 * version exactly one wins and the other gets 409.
 */
export async function withTemplateVersion<T>(
  templateId: string,
  version: number,
  edit: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T & { version: number }> {
  return db().$transaction(async (tx) => {
    const bumped = await tx.template.updateMany({ where: { id: templateId, version }, data: { version: { increment: 1 } } });
    if (bumped.count === 0) {
      const current = await tx.template.findUnique({ where: { id: templateId }, select: { version: true } });
      if (!current) throw new AppError("NOT_FOUND", "Template not found");
      throw new AppError("CONFLICT", "The template was changed by someone else; reload to see the current version", {
        field: "version",
        current: { version: current.version },
      });
    }
    const result = await edit(tx);
    return { ...result, version: version + 1 };
  });
}

/** Re-numbers positions 0..n-1 with `movedId` placed at `position` (clamped). */
export function reorder(ids: string[], movedId: string, position: number): string[] {
  const rest = ids.filter((id) => id !== movedId);
  const at = Math.max(0, Math.min(position, rest.length));
  return [...rest.slice(0, at), movedId, ...rest.slice(at)];
}
