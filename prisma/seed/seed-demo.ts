// Demo data, written on the first start only (an empty user table): five users, one template, one release.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/generated/prisma/enums";
import { appendEvent } from "@/lib/server/events/append-event";
import { createRelease } from "@/lib/server/releases/create-release";
import { saveTemplate } from "@/lib/server/templates/save-template";
import { DEMO_TEMPLATE } from "./demo-template";

export const DEMO_USERS: { email: string; name: string; role: Role; groups: string[] }[] = [
  { email: "admin@countdown.local", name: "Ada Admin", role: "admin", groups: ["manager"] },
  { email: "manager@countdown.local", name: "Max Manager", role: "manager", groups: [] },
  { email: "approver@countdown.local", name: "Ari Approver", role: "approver", groups: ["lead"] },
  { email: "approver2@countdown.local", name: "Bo Approver", role: "approver", groups: ["on-call"] },
  { email: "viewer@countdown.local", name: "Vic Viewer", role: "viewer", groups: [] },
];

/** The demo password: COUNTDOWN_DEMO_PASSWORD, else one generated on first start and kept in the data dir. */
export function demoPassword(dataDir: string): string {
  if (process.env.COUNTDOWN_DEMO_PASSWORD) return process.env.COUNTDOWN_DEMO_PASSWORD;
  const file = path.join(dataDir, "demo-password");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(9).toString("base64url") + "\n", { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/** Returns true when it seeded (the database had no users yet). */
export async function seedDemo(password: string): Promise<boolean> {
  if ((await db().user.count()) > 0) return false;
  const passwordHash = await hashPassword(password);
  const users = await db().$transaction(DEMO_USERS.map((u) => db().user.create({ data: { ...u, passwordHash } })));
  const manager = users.find((u) => u.role === "manager")!;
  const template = await saveTemplate(DEMO_TEMPLATE, manager.id);
  const scheduledAt = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
  scheduledAt.setUTCMinutes(0, 0, 0);
  const release = await createRelease(
    { templateId: template.id, name: "Checkout service", version: "2.4.0", type: "regular", environment: "production", scheduledAt, commitSha: "3f9c2a1b7d", imageTag: "checkout:2.4.0" },
    { ...manager, via: "token" },
  );
  await db().$transaction((tx) => appendEvent(tx, release.id, { type: "comment", actorId: manager.id, payload: { text: "Demo release: tick items as manager@countdown.local, follow along as viewer@countdown.local." } }));
  return true;
}
