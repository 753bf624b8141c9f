import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/releases/[id]/audit/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { decide } from "@/lib/decisions/decide";
import { gateRelease } from "@/test/decision-fixtures";
import { appendEvent } from "@/lib/events/append-event";
import { eventHash } from "@/lib/events/event-hash";
import { createChannel } from "@/lib/notifications/create-channel";
import { createSubscription } from "@/lib/notifications/create-subscription";
import { callRoute } from "@/test/call-route";
import { createCaller } from "@/test/factories";

// `npm run audit:verify -- --file` on an export downloaded through the real route, run as its own process with
// a database URL that leads nowhere: the verdict comes from the file alone.

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "countdown-audit-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function verifyFile(text: string, ...extra: string[]) {
  const file = path.join(dir, `export-${extra.length}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, text);
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: "postgresql://nobody:nothing@127.0.0.1:1/none",
    COUNTDOWN_DATA_DIR: path.join(dir, "no-data"),
  } as unknown as NodeJS.ProcessEnv;
  return run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/audit-verify.ts", "--file", file, ...extra], { env }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout + e.stderr }),
  );
}

/** A release with votes, completed: its release.completed delivery carries the chain head. */
async function completedRelease() {
  const { release, manager } = await gateRelease();
  const admin = await createCaller("admin");
  const { channel } = await createChannel({ kind: "json", name: `audit-${release.id.slice(0, 8)}`, url: "http://127.0.0.1:9/hook", enabled: true }, admin);
  await createSubscription({ channelId: channel.id, releaseId: release.id, eventTypes: ["release.completed"] });
  const lead = await createCaller("approver", ["lead"]);
  await decide(release.id, { decision: "go", comment: "ship it, café ✅" }, lead);
  await db().$transaction((tx) => appendEvent(tx, release.id, { type: "release.status", actorId: null, payload: { status: "released" } }));
  const [delivery] = await db().notificationDelivery.findMany({ where: { channelId: channel.id, eventType: "release.completed" } });
  const token = await createApiToken(manager.id, "audit");
  const res = await callRoute(auditRoute, `/api/releases/${release.id}/audit?format=json`, { id: release.id }, { token });
  expect(res.status).toBe(200);
  return { release, text: await res.text(), chainHead: (delivery.data as { chainHead: string }).chainHead };
}

describe("audit:verify --file", () => {
  it("verifies a real export offline, and checks it against the chain head of the release.completed notification", async () => {
    const { release, text, chainHead } = await completedRelease();
    const head = (await db().release.findUniqueOrThrow({ where: { id: release.id } })).lastEventHash;
    expect(chainHead).toBe(head);
    const exported = JSON.parse(text) as { events: { actorId: string | null; type: string }[] };
    expect(exported.events.find((e) => e.type === "decision.go")?.actorId).toMatch(/^[0-9a-f-]{36}$/);

    const ok = await verifyFile(text, "--head", chainHead);
    expect(ok.stdout).toContain(`intact: release ${release.id}, ${exported.events.length} events, chain head ${head}`);
    expect(ok.stdout).toContain(`head ${chainHead} is event seq ${exported.events.length}`);
    expect(ok.code).toBe(0);
  });

  it("names the event a single edited byte is in", async () => {
    const { release, text } = await completedRelease();
    // One byte fewer in the vote's comment as recorded in its event (the facts' copy of it comes before).
    const at = text.indexOf('"events":');
    const edited = text.slice(0, at) + text.slice(at).replace("ship it, café", "ship it, cafe");
    expect(edited).not.toBe(text);
    const seq = (JSON.parse(edited) as { events: { seq: number; payload: { comment?: string } }[] }).events.find((e) =>
      e.payload.comment?.startsWith("ship it"),
    )!.seq;
    const broken = await verifyFile(edited);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN release ${release.id}: first broken event seq ${seq} (decision.go): its contents do not match its hash`);

    // The actor is covered too: a vote moved to someone else is caught.
    const moved = JSON.parse(text) as { events: { seq: number; type: string; actorId: string | null }[] };
    moved.events.find((e) => e.type === "decision.go")!.actorId = "00000000-0000-4000-8000-000000000000";
    expect((await verifyFile(JSON.stringify(moved))).stdout).toContain("(decision.go): its contents do not match its hash");
  });

  it("refuses a history rewritten with a recomputed chain when given the notified head", async () => {
    const { release, text, chainHead } = await completedRelease();
    type E = { seq: number; at: string; type: string; actorId: string | null; payload: Record<string, unknown>; prevHash: string | null; hash: string };
    const forged = JSON.parse(text) as { events: E[] };
    let prev: string | null = null;
    for (const e of forged.events) {
      if (e.type === "decision.go") e.payload = { ...e.payload, comment: "no-go, actually" };
      e.prevHash = prev;
      e.hash = eventHash({ releaseId: release.id, seq: e.seq, type: e.type, actorId: e.actorId, at: new Date(e.at), payload: e.payload, prevHash: e.prevHash });
      prev = e.hash;
    }
    const rewritten = JSON.stringify(forged);
    const alone = await verifyFile(rewritten);
    expect(alone.code).toBe(0); // a consistent forgery passes on its own: that is what the witness is for
    const witnessed = await verifyFile(rewritten, "--head", chainHead);
    expect(witnessed.code).toBe(1);
    expect(witnessed.stdout).toContain(`HEAD NOT FOUND: no event of this export has the hash ${chainHead}`);
  });
});
