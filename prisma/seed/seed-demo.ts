// Demo data, written on the first start only (an empty user table): five users, one template, one release.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/generated/prisma/enums";
import { appendEvent } from "@/lib/events/append-event";
import { createRelease } from "@/lib/releases/create-release";
import { saveTemplate } from "@/lib/templates/save-template";
import { sealSecret } from "@/lib/secrets/secret-box";
import { demoTemplate } from "./demo-template";

export const DEMO_USERS: { email: string; name: string; role: Role; groups: string[] }[] = [
  { email: "admin@countdown.local", name: "Ada Admin", role: "admin", groups: ["manager"] },
  { email: "manager@countdown.local", name: "Max Manager", role: "manager", groups: [] },
  { email: "approver@countdown.local", name: "Ari Approver", role: "approver", groups: ["lead"] },
  { email: "approver2@countdown.local", name: "Bo Approver", role: "approver", groups: ["on-call"] },
  { email: "viewer@countdown.local", name: "Vic Viewer", role: "viewer", groups: [] },
];

/** The demo password: COUNTDOWN_DEMO_PASSWORD, else one generated on first start and kept in the data dir. */
export function demoPassword(dataDir: string): string {
  const configured = config().COUNTDOWN_DEMO_PASSWORD;
  if (configured) return configured;
  const file = path.join(dataDir, "demo-password");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(9).toString("base64url") + "\n", { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

export type DemoService = { url: string; token: string };

/** The demo service's address and deploy token: fixed on first start, kept in the data dir. */
export function demoService(dataDir: string, port: number): DemoService {
  const file = path.join(dataDir, "demo-service.json");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, JSON.stringify({ url: `http://127.0.0.1:${port}`, token: crypto.randomBytes(18).toString("base64url") }), { mode: 0o600 });
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as DemoService;
}

/** Returns true when it seeded (the database had no users yet). */
export async function seedDemo(password: string, service: DemoService): Promise<boolean> {
  if ((await db().user.count()) > 0) return false;
  const passwordHash = await hashPassword(password);
  const deployToken = sealSecret(service.token);
  // One transaction: a first start that fails half-way leaves nothing behind, and the next start seeds again.
  await db().$transaction(
    async (tx) => {
      const users = await Promise.all(DEMO_USERS.map((u) => tx.user.create({ data: { ...u, passwordHash } })));
      const manager = users.find((u) => u.role === "manager")!;
      const template = await saveTemplate(demoTemplate(service.url), manager.id, tx);
      // The demo environments: where the demo service lives, and its deploy token as a secret (masked in all output).
      // The demo release is promoted staging -> production (both on the demo service): staging needs no go
      // (requiredGoes 0), production the template's policy. "demo" stays for releases of a single environment.
      const demoEnvironment = (name: string, position: number, requiredGoes: number | null) =>
        tx.environment.create({
          data: {
            name,
            position,
            requiredGoes,
            variables: { DEMO_URL: service.url },
            secrets: { create: [{ name: "DEMO_DEPLOY_TOKEN", valueEncrypted: deployToken }] },
          },
        });
      await demoEnvironment("staging", 0, 0);
      await demoEnvironment("production", 1, null);
      await demoEnvironment("demo", 2, null);
      const scheduledAt = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
      scheduledAt.setUTCMinutes(0, 0, 0);
      const release = await createRelease(
        {
          templateId: template.id,
          name: "Checkout service",
          version: "2.4.0",
          type: "regular",
          environment: "staging",
          path: ["staging", "production"],
          scheduledAt,
          commitSha: "3f9c2a1b7d",
          imageTag: "checkout:2.4.0",
        },
        { ...manager, via: "token" },
        tx,
      );
      await appendEvent(tx, release.id, {
        type: "comment",
        actorId: manager.id,
        payload: {
          text: 'Demo release, promoted staging -> production: as manager@countdown.local tick the items, deploy to staging (no go needed there) and run its smoke test; production then waits for the gos of approver@ and approver2@. Follow along as viewer@countdown.local. A version containing "broken" fails its health check and rolls back on its own.',
        },
      });
    },
    { timeout: 60_000 },
  );
  return true;
}
