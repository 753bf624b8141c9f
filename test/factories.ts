// Each integration test seeds its own data through these, with unique emails and names.
import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";
import { createRelease } from "@/lib/releases/create-release";
import { saveTemplate, type TemplateDraft } from "@/lib/templates/save-template";

export const uid = () => crypto.randomBytes(5).toString("hex");

export async function createCaller(role: Role, groups: string[] = []): Promise<Caller> {
  const u = await db().user.create({
    data: { email: `${role}-${uid()}@test.local`, name: `Test ${role}`, role, groups, passwordHash: "not-a-real-hash" },
  });
  return { id: u.id, email: u.email, name: u.name, role: u.role, groups: u.groups, via: "token" };
}

export const SMALL_TEMPLATE: TemplateDraft = {
  name: "Small plan",
  phases: [
    {
      title: "Week before",
      offsetMinutes: -7 * 1440,
      items: [
        { text: "Cut the branch", required: true, ownerRole: null },
        { text: "Review migrations", required: false, ownerRole: "dev" },
      ],
    },
    { title: "Anytime", offsetMinutes: null, items: [{ text: "Tell support", required: true, ownerRole: null }] },
  ],
  procedures: [{ name: "Deploy", kind: "deploy", steps: [{ kind: "command", text: "deploy", command: "echo hi" }] }],
};

export async function createTemplateFixture(draft: TemplateDraft = SMALL_TEMPLATE) {
  return saveTemplate({ ...draft, name: `${draft.name} ${uid()}` }, null);
}

export async function createReleaseFixture(manager: Caller, scheduledAt = new Date("2030-01-15T10:00:00.000Z")) {
  const template = await createTemplateFixture();
  return createRelease(
    { templateId: template.id, name: `Release ${uid()}`, version: "1.0.0", type: "regular", environment: `env-${uid()}`, scheduledAt },
    manager,
  );
}
