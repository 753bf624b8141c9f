// Drill: secrets planted in a run's environment (plain, base64 of it, a multi-line key) never come out of the
// app: not in stored output, the live stream, the timeline, nor the audit export (JSON and CSV), all read
// through real HTTP while the run prints them every way it can.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/secrets/secret-box";
import { actor, releaseOf, SMALL_PLAN, uid } from "@/bench/lib/seed";
import { openSse, type SseClient } from "@/bench/lib/sse-client";
import { APP, call } from "./drill-helpers";
import { orNotYet, waitFor } from "@/test/wait-for";

const clients: SseClient[] = [];
afterAll(() => clients.forEach((c) => c.close()));

describe("planted secrets", () => {
  it("never appear in output, stream, timeline or audit export", async () => {
    const manager = await actor("manager");
    const environment = `secrets-${uid()}`;
    const plain = `pl4nted-${uid()}-${uid()}`;
    const multi = `-----BEGIN KEY-----\nMIIlineone${uid()}${uid()}\nMIIlinetwo${uid()}${uid()}\n-----END KEY-----`;
    await db().environment.create({
      data: {
        name: environment,
        secrets: {
          create: [
            { name: "API_TOKEN", valueEncrypted: sealSecret(plain) },
            { name: "PRIVATE_KEY", valueEncrypted: sealSecret(multi) },
          ],
        },
      },
    });
    const command = [
      'echo "token=$API_TOKEN"',
      'echo -n "$API_TOKEN" | base64',
      'echo "$PRIVATE_KEY"',
      'echo "$API_TOKEN" >&2',
      'printf "%s\\n" "$PRIVATE_KEY" | sed -n 2p',
      'curl_like="Authorization: Bearer $API_TOKEN"; echo "$curl_like"',
      "exit 3",
    ].join("; ");
    const release = await releaseOf(
      manager,
      { phases: SMALL_PLAN, procedures: [{ name: "Leak", kind: "verify", steps: [{ kind: "command", text: "leak", command }] }] },
      { environment },
    );
    const stream = openSse(`${APP()}/api/releases/${release.id}/stream`, manager.headers);
    clients.push(stream);
    await stream.connected;

    const started = await call("POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "Leak" });
    expect(started.status).toBe(202);
    const { runId } = started.json as { runId: string };
    await waitFor(
      "the run to fail on the stream",
      orNotYet(async () => stream.messages.some((m) => m.event === "run.failed")),
      30_000,
    );

    const stored = (await db().outputLine.findMany({ where: { runId } })).map((l) => l.line).join("\n");
    const streamed = JSON.stringify(stream.messages.map((m) => m.data));
    const run = (await call("GET", `/api/runs/${runId}`, manager.headers)).text;
    const timeline = await call("GET", `/api/releases/${release.id}/timeline`, manager.headers);
    const auditJson = await call("GET", `/api/releases/${release.id}/audit?format=json`, manager.headers);
    const auditCsv = await call("GET", `/api/releases/${release.id}/audit?format=csv`, manager.headers);
    expect([timeline.status, auditJson.status, auditCsv.status]).toEqual([200, 200, 200]);

    expect(stored).toContain("token=");
    expect(streamed).toContain("token=");
    const forbidden = [plain, Buffer.from(plain).toString("base64"), ...multi.split("\n").slice(1, 3)];
    for (const [where, text] of Object.entries({ stored, streamed, run, timeline: timeline.text, auditJson: auditJson.text, auditCsv: auditCsv.text })) {
      for (const secret of forbidden) expect(text.includes(secret), `${where} contains ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});
