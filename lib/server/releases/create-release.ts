import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TCreateRelease } from "@/lib/schemas/release";
import { appendEvent } from "@/lib/server/events/append-event";
import { addPolicyRequiredItem } from "@/lib/server/decisions/policy-required-item";
import { releaseInclude, toReleaseView } from "@/lib/server/releases/release-view";

/** Creates a release from a template: copies its phases and checklist; each phase is due at T-0 + offset. */
export async function createRelease(input: TCreateRelease, caller: Caller, outer?: Prisma.TransactionClient) {
  const template = await (outer ?? db()).template.findUnique({
    where: { id: input.templateId },
    include: { phases: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } } },
  });
  if (!template) throw new AppError("UNPROCESSABLE", "templateId: no such template", { field: "templateId" });

  const write = async (tx: Prisma.TransactionClient) => {
    const created = await tx.release.create({
      data: {
        templateId: template.id,
        name: input.name,
        version: input.version,
        type: input.type,
        environment: input.environment,
        scheduledAt: input.scheduledAt,
        commitSha: input.commitSha,
        imageTag: input.imageTag,
        autoRollback: input.autoRollback ?? true,
        createdById: caller.id,
      },
    });
    for (const phase of template.phases) {
      const dueAt = phase.offsetMinutes === null ? null : new Date(input.scheduledAt.getTime() + phase.offsetMinutes * 60_000);
      await tx.releasePhase.create({
        data: {
          releaseId: created.id,
          position: phase.position,
          title: phase.title,
          offsetMinutes: phase.offsetMinutes,
          dueAt,
          items: {
            create: phase.items.map((item) => ({
              releaseId: created.id,
              position: item.position,
              text: item.text,
              required: item.required,
              ownerRole: item.ownerRole,
            })),
          },
        },
      });
    }
    await addPolicyRequiredItem(tx, created);
    await appendEvent(tx, created.id, {
      type: "release.created",
      actorId: caller.id,
      payload: { name: input.name, version: input.version, type: input.type, environment: input.environment, scheduledAt: input.scheduledAt.toISOString(), templateId: template.id },
    });
    return tx.release.findUniqueOrThrow({ where: { id: created.id }, include: releaseInclude });
  };
  const release = outer ? await write(outer) : await db().$transaction(write);
  return toReleaseView(release);
}
