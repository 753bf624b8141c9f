import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRelease } from "@/app/api/releases/[id]/route";
import { POST as decide } from "@/app/api/releases/[id]/decisions/route";
import { DELETE as revokeShare, POST as createShare } from "@/app/api/releases/[id]/share/route";
import { GET as streamRoute } from "@/app/api/releases/[id]/stream/route";
import { GET as timelineRoute } from "@/app/api/releases/[id]/timeline/route";
import { GET as getRunRoute } from "@/app/api/runs/[runId]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { startRun } from "@/lib/runs/start-run";
import { createShareLink } from "@/lib/share/create-share-link";
import { createCaller, createReleaseFixture } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const BASE = "http://countdown.test";
function call(
  handler: Handler,
  path: string,
  params: Record<string, string>,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal } = {},
) {
  const req = new NextRequest(`${BASE}${path}`, {
    method: init.method ?? "GET",
    headers: { ...init.headers, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
  });
  return handler(req, { params: Promise.resolve(params) });
}

/** Reads a stream route's body until `until` appears in it (or `ms` pass), then hangs up. */
async function readStream(handler: Handler, path: string, params: Record<string, string>, headers: Record<string, string>, until: string, ms = 10_000) {
  const abort = new AbortController();
  const res = await call(handler, path, params, { headers, signal: abort.signal });
  if (!res.body) return { res, text: await res.text() };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (!text.includes(until) && Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 500))]);
    if (next?.done) break;
    if (next?.value) text += decoder.decode(next.value);
  }
  abort.abort();
  await reader.cancel().catch(() => undefined);
  return { res, text };
}

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => {
  worker = startInProcessWorker();
});
afterAll(() => worker.stop());

describe("share links", () => {
  it("live through create, read, revoke; the token is shown once, hashed at rest and never in an event", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const auth = { authorization: `Bearer ${await createApiToken(manager.id, "test")}` };

    const viewer = await createCaller("viewer");
    const viewerAuth = { authorization: `Bearer ${await createApiToken(viewer.id, "test")}` };
    expect((await call(createShare as Handler, `/api/releases/${release.id}/share`, { id: release.id }, { method: "POST", headers: viewerAuth })).status).toBe(
      403,
    );
    expect(
      (
        await call(
          createShare as Handler,
          `/api/releases/${release.id}/share`,
          { id: release.id },
          { method: "POST", headers: auth, body: { expiresInDays: 400 } },
        )
      ).status,
    ).toBe(400);

    const created = await call(createShare as Handler, `/api/releases/${release.id}/share`, { id: release.id }, { method: "POST", headers: auth });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { url: string; token: string; expiresAt: string };
    expect(link.url).toBe(`${BASE}/t/${link.token}`);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    const second = (await (
      await call(createShare as Handler, `/api/releases/${release.id}/share`, { id: release.id }, { method: "POST", headers: auth, body: { expiresInDays: 2 } })
    ).json()) as { token: string; expiresAt: string };
    expect(new Date(second.expiresAt).getTime() - Date.now()).toBeLessThan(2 * 86_400_000 + 5_000);

    const stored = await db().shareLink.findMany({ where: { releaseId: release.id } });
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(link.token);

    for (const headers of [{ authorization: `Share ${link.token}` }, {}] as Record<string, string>[]) {
      const path = `/api/releases/${release.id}/timeline${"authorization" in headers ? "" : `?share=${link.token}`}`;
      const res = await call(timelineRoute as Handler, path, { id: release.id }, { headers });
      expect(res.status).toBe(200);
      const timeline = (await res.json()) as { release: { name: string }; phases: { title: string; state: string }[] };
      expect(timeline.release.name).toBe(release.name);
      expect(timeline.phases.map((p) => p.title)).toEqual(["Week before", "Anytime"]);
    }

    const revoked = await call(revokeShare as Handler, `/api/releases/${release.id}/share`, { id: release.id }, { method: "DELETE", headers: auth });
    expect(await revoked.json()).toEqual({ revoked: 2 });
    for (const token of [link.token, second.token]) {
      const res = await call(timelineRoute as Handler, `/api/releases/${release.id}/timeline?share=${token}`, { id: release.id });
      expect(res.status).toBe(410);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
    }
    const stream = await call(streamRoute as Handler, `/api/releases/${release.id}/stream?share=${link.token}`, { id: release.id });
    expect(stream.status).toBe(410);

    const events = await db().event.findMany({ where: { releaseId: release.id, type: { startsWith: "share." } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["share.created", "share.created", "share.revoked"]);
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(link.token);
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(second.token);
  });

  it("answers 410 for an expired link and 404 for one that never existed", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    // Made 31 days ago with the default 30 days: expired yesterday.
    const old = await createShareLink(release.id, { expiresInDays: 30 }, manager, BASE, new Date(Date.now() - 31 * 86_400_000));
    const expired = await call(timelineRoute as Handler, `/api/releases/${release.id}/timeline?share=${old.token}`, { id: release.id });
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    const unknown = await call(timelineRoute as Handler, `/api/releases/${release.id}/timeline?share=cds_${"x".repeat(43)}`, { id: release.id });
    expect(unknown.status).toBe(404);
  });

  it("opens nothing but its own release's timeline and stream", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const other = await createReleaseFixture(manager);
    const { token } = await createShareLink(release.id, { expiresInDays: 30 }, manager, BASE);
    const asHeader = { authorization: `Share ${token}` };

    expect((await call(getRelease as Handler, `/api/releases/${release.id}`, { id: release.id }, { headers: asHeader })).status).toBe(401);
    expect((await call(getRelease as Handler, `/api/releases/${release.id}?share=${token}`, { id: release.id })).status).toBe(401);
    expect(
      (
        await call(
          decide as Handler,
          `/api/releases/${release.id}/decisions`,
          { id: release.id },
          { method: "POST", headers: asHeader, body: { decision: "go" } },
        )
      ).status,
    ).toBe(401);
    expect((await call(createShare as Handler, `/api/releases/${release.id}/share?share=${token}`, { id: release.id }, { method: "POST" })).status).toBe(401);
    expect((await call(timelineRoute as Handler, `/api/releases/${other.id}/timeline`, { id: other.id }, { headers: asHeader })).status).toBe(404);
    expect((await call(streamRoute as Handler, `/api/releases/${other.id}/stream?share=${token}`, { id: other.id })).status).toBe(404);
    expect(await db().decision.count({ where: { releaseId: release.id } })).toBe(0);
  });

  it("never shows command text or output, even when a run printed a secret-looking line", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [
      {
        name: "Verify",
        kind: "verify",
        steps: [
          { kind: "command", text: "Print the config", command: "echo DB_PASSWORD=hunter2-s3cret-value" },
          { kind: "command", text: "echo leaky-command-text", command: "echo leaky-command-text" },
        ],
      },
    ]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    expect((await waitForRun(runId, ["succeeded", "failed"])).status).toBe("succeeded");
    expect(await db().outputLine.count({ where: { runId, line: { contains: "hunter2" } } })).toBe(1);
    const { token } = await createShareLink(release.id, { expiresInDays: 30 }, manager, BASE);

    const res = await call(timelineRoute as Handler, `/api/releases/${release.id}/timeline?share=${token}`, { id: release.id });
    const text = await res.text();
    const timeline = JSON.parse(text) as { runs: { procedure: string; status: string; steps: { name: string; status: string }[] }[] };
    expect(timeline.runs[0]).toMatchObject({ procedure: "Verify", status: "succeeded" });
    expect(timeline.runs[0].steps.map((s) => [s.name, s.status])).toEqual([
      ["Print the config", "succeeded"],
      ["Command 2", "succeeded"],
    ]);
    for (const secret of ["hunter2", "DB_PASSWORD", "echo", "leaky"]) expect(text).not.toContain(secret);

    const { res: streamRes, text: streamed } = await readStream(
      streamRoute as Handler,
      `/api/releases/${release.id}/stream?share=${token}`,
      { id: release.id },
      {},
      "event: run.succeeded",
    );
    expect(streamRes.headers.get("content-type")).toContain("text/event-stream");
    expect(streamed).toContain("event: step.succeeded");
    expect(streamed).not.toContain("event: output");
    for (const secret of ["hunter2", "DB_PASSWORD", "echo"]) expect(streamed).not.toContain(secret);

    // The run itself (with its output) is for signed-in users only.
    expect((await call(getRunRoute as Handler, `/api/runs/${runId}?share=${token}`, { runId })).status).toBe(401);
  });
});
