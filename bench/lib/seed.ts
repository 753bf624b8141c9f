// Data the benchmarks and drills need, written straight to the database through the app's own functions:
// users with API tokens, templates (save-template.ts), releases (create-release.ts) and events (append-event.ts).
import crypto from "node:crypto";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { appendEvent } from "@/lib/events/append-event";
import { createRelease } from "@/lib/releases/create-release";
import { saveTemplate, type TemplateDraft } from "@/lib/templates/save-template";

export const uid = () => crypto.randomBytes(4).toString("hex");

export type Actor = Caller & { token: string; headers: Record<string, string> };

export async function actor(role: Role, label: string = role): Promise<Actor> {
  const user = await db().user.create({
    data: {
      email: `${label}-${uid()}@bench.local`,
      name: `Bench ${label}`,
      role,
      groups: role === "approver" ? ["lead"] : [],
      passwordHash: "not-a-real-hash",
    },
  });
  const token = await createApiToken(user.id, "bench");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    groups: user.groups,
    via: "token",
    token,
    headers: { Authorization: `Bearer ${token}` },
  };
}

export async function releaseOf(owner: Caller, draft: Omit<TemplateDraft, "name">, opts: { environment?: string } = {}) {
  const template = await saveTemplate({ ...draft, name: `Bench ${uid()}` }, owner.id);
  // No go needed (written directly: through the API that takes an admin and a reason), so with nothing required
  // the release is ready and its runs pass the gate (deploy-gate.ts); the benchmarks and drills measure the runs.
  await db().approvalPolicy.create({ data: { templateId: template.id, releaseType: "regular", minGoes: 0 } });
  const release = await createRelease(
    {
      templateId: template.id,
      name: `Bench release ${uid()}`,
      version: "1.0.0",
      type: "regular",
      environment: opts.environment ?? `bench-${uid()}`,
      scheduledAt: new Date(Date.now() + 7 * 86_400_000),
      autoRollback: false,
    },
    owner,
  );
  return release;
}

/** A plan of `phases` x `perPhase` checklist items (the release page's big case). */
export function bigPlan(phases: number, perPhase: number): TemplateDraft["phases"] {
  return Array.from({ length: phases }, (_, p) => ({
    title: `Phase ${p + 1}`,
    offsetMinutes: (p - phases) * 60,
    items: Array.from({ length: perPhase }, (_, i) => ({
      text: `Check ${p + 1}.${i + 1}: confirm the thing is done and noted`,
      required: i % 3 === 0,
      ownerRole: i % 2 ? "ops" : null,
    })),
  }));
}

export const SMALL_PLAN: TemplateDraft["phases"] = [{ title: "Launch", offsetMinutes: 0, items: [{ text: "Go", required: false, ownerRole: null }] }];

/** Appends `count` events to a release's history (chained and hashed as the app does), 100 per transaction. */
export async function appendEvents(releaseId: string, actorId: string, count: number): Promise<void> {
  for (let done = 0; done < count;) {
    const n = Math.min(100, count - done);
    await db().$transaction(
      async (tx) => {
        for (let i = 0; i < n; i++) {
          await appendEvent(tx, releaseId, {
            type: i % 2 ? "comment" : "item.checked",
            actorId,
            payload: { text: `bench event ${done + i}`, note: "seeded for the timeline benchmark" },
          });
        }
      },
      { timeout: 60_000 },
    );
    done += n;
  }
}
