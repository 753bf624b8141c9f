// Shared by the decision, freeze and audit integration tests: a release whose plan has a phase after T-0.
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import type { ReleaseType } from "@/lib/generated/prisma/enums";
import { createRelease } from "@/lib/releases/create-release";
import { tickItem } from "@/lib/releases/tick-item";
import { createCaller, createTemplateFixture, uid } from "@/test/factories";

export const GATE_TEMPLATE = {
  name: "Gate plan",
  phases: [
    {
      title: "Week before",
      offsetMinutes: -7 * 1440,
      items: [
        { text: "Cut the branch", required: true, ownerRole: null },
        { text: "Optional load test", required: false, ownerRole: null },
      ],
    },
    { title: "Anytime", offsetMinutes: null, items: [{ text: "Tell support", required: true, ownerRole: null }] },
    { title: "After launch", offsetMinutes: 30, items: [{ text: "Watch dashboards", required: true, ownerRole: null }] },
  ],
  procedures: [
    { name: "Deploy", kind: "deploy" as const, steps: [{ kind: "command" as const, text: "deploy", command: "echo hi" }] },
    { name: "Rollback", kind: "rollback" as const, steps: [{ kind: "command" as const, text: "rollback", command: "echo back" }] },
  ],
};

export async function gateRelease(
  opts: { type?: ReleaseType; environment?: string; templateId?: string; commitSha?: string; imageTag?: string; scheduledAt?: Date } = {},
) {
  const manager = await createCaller("manager");
  const templateId = opts.templateId ?? (await createTemplateFixture(GATE_TEMPLATE)).id;
  const release = await createRelease(
    {
      templateId,
      name: `Gate ${uid()}`,
      version: "3.1.0",
      type: opts.type ?? "regular",
      environment: opts.environment ?? `env-${uid()}`,
      scheduledAt: opts.scheduledAt ?? new Date("2030-01-15T10:00:00.000Z"),
      commitSha: opts.commitSha,
      imageTag: opts.imageTag,
    },
    manager,
  );
  return { release, manager };
}

/** Ticks every required item due before T-0. */
export async function tickGatingItems(release: Awaited<ReturnType<typeof gateRelease>>["release"], manager: Caller) {
  for (const phase of release.phases) {
    if (phase.offsetMinutes !== null && phase.offsetMinutes >= 0) continue;
    for (const item of phase.items.filter((i) => i.required)) await tickItem(release.id, item.id, { checked: true, version: item.version }, manager);
  }
}

export async function eventsOf(releaseId: string) {
  return db().event.findMany({ where: { releaseId }, orderBy: { seq: "asc" } });
}
