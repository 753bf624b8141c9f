import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReleaseType } from "@/lib/generated/prisma/enums";
import { effectivePolicy } from "@/lib/decisions/policy";

const REVIEW_OFFSET_MINUTES = 24 * 60;

/**
 * A policy may require an extra checklist item (emergency: a post-release review). It goes into a phase of its
 * own a day after T-0, so it is part of the plan without gating the deploy it reviews.
 */
export async function addPolicyRequiredItem(tx: Prisma.TransactionClient, release: { id: string; templateId: string; type: ReleaseType; scheduledAt: Date }) {
  const policy = await effectivePolicy(tx, release.templateId, release.type);
  if (!policy.requiredItem) return;
  const exists = await tx.releaseItem.count({ where: { releaseId: release.id, text: policy.requiredItem } });
  if (exists) return;
  const last = await tx.releasePhase.findFirst({ where: { releaseId: release.id }, orderBy: { position: "desc" }, select: { position: true } });
  await tx.releasePhase.create({
    data: {
      releaseId: release.id,
      position: (last?.position ?? -1) + 1,
      title: "Post-release review (T+1 day)",
      offsetMinutes: REVIEW_OFFSET_MINUTES,
      dueAt: new Date(release.scheduledAt.getTime() + REVIEW_OFFSET_MINUTES * 60_000),
      items: { create: [{ releaseId: release.id, position: 0, text: policy.requiredItem, required: true, ownerRole: "manager" }] },
    },
  });
}
