import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { ReleaseType } from "@/lib/generated/prisma/enums";
import type { TPolicySaved, TSetPolicy } from "@/lib/schemas/decision";
import { appendToOpenReleases } from "@/lib/events/append-to-open-releases";
import { describePolicy, effectivePolicy, toPolicy } from "@/lib/decisions/policy";
import { loosenings } from "@/lib/decisions/policy-loosening";
import { recordReadiness } from "@/lib/decisions/record-readiness";

/**
 * Sets a template's approval policy for one release type. `version` is the one the caller saw (0 for the
 * default): a stale one gets 409. Managers may raise the bar; lowering it (fewer gos, a group rule removed or
 * weakened, the required item dropped) takes an admin (403 POLICY_LOOSENING_NEEDS_ADMIN) and a reason (422), and so
 * does a policy of zero gos, whatever it replaces. Each open release of that template and type records the change
 * (with what was lowered and why), and the readiness it may have flipped.
 */
export async function setPolicy(templateId: string, releaseType: ReleaseType, input: TSetPolicy, caller: Caller): Promise<TPolicySaved> {
  return db().$transaction(async (tx) => {
    const template = await tx.template.findUnique({ where: { id: templateId }, select: { id: true } });
    if (!template) throw new AppError("NOT_FOUND", "Template not found");
    const before = await effectivePolicy(tx, templateId, releaseType);
    // Judged against the policy the caller saw: a stale version is answered first (the write below re-checks it).
    if (input.version !== before.version) throw stale(before);
    const lowered = loosenings(before, { minGoes: input.minGoes, groupRules: input.groupRules, requiredItem: input.requiredItem ?? null });
    if (input.minGoes === 0) lowered.push("no go needed at all");
    const reason = input.reason?.trim() || null;
    if (lowered.length && caller.role !== "admin") {
      throw new AppError("POLICY_LOOSENING_NEEDS_ADMIN", `Only an admin can lower the approval bar (${lowered.join("; ")}); a manager may only raise it`, {
        loosenings: lowered,
      });
    }
    if (lowered.length && !reason)
      throw new AppError("UNPROCESSABLE", `reason: lowering the approval bar (${lowered.join("; ")}) needs a reason`, { field: "reason", loosenings: lowered });
    const data = { minGoes: input.minGoes, groupRules: input.groupRules, requiredItem: input.requiredItem ?? null };

    if (input.version === 0) {
      // A concurrent first save loses on the unique (templateId, releaseType): mapped to 409.
      const exists = await tx.approvalPolicy.count({ where: { templateId, releaseType } });
      if (exists) throw stale(before);
      await tx.approvalPolicy.create({ data: { templateId, releaseType, ...data } });
    } else {
      const { count } = await tx.approvalPolicy.updateMany({
        where: { templateId, releaseType, version: input.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw stale(before);
    }
    const after = toPolicy(releaseType, await tx.approvalPolicy.findUniqueOrThrow({ where: { templateId_releaseType: { templateId, releaseType } } }));
    const releases = await appendToOpenReleases(
      tx,
      { templateId, type: releaseType },
      {
        type: "policy.changed",
        actorId: caller.id,
        payload: {
          templateId,
          releaseType,
          before: describePolicy(before),
          after: describePolicy(after),
          minGoes: after.minGoes,
          groupRules: after.groupRules,
          requiredItem: after.requiredItem,
          version: after.version,
          ...(lowered.length ? { loosened: lowered, reason } : {}),
        },
      },
    );
    const flippable = await tx.release.findMany({
      where: { templateId, type: releaseType, status: { in: ["scheduled", "ready"] } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    for (const r of flippable) await recordReadiness(tx, r.id, caller.id);
    return { ...after, releasesNotified: releases };
  });
}

function stale(current: Awaited<ReturnType<typeof effectivePolicy>>) {
  return new AppError("CONFLICT", "The policy was changed by someone else; reload to see the current one", { field: "version", current });
}
