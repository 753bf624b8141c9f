import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as streamRoute } from "@/app/api/releases/[id]/stream/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { startRun } from "@/lib/runs/start-run";
import { createShareLink } from "@/lib/share/create-share-link";
import { revokeShareLinks } from "@/lib/share/revoke-share-links";
import { runningFeeds } from "@/lib/stream/release-feed";
import { openStreamCounts } from "@/lib/stream/stream-limits";
import { MAX_UNREAD_BYTES, releaseStream } from "@/lib/stream/release-stream";
import { createCaller, createReleaseFixture } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";
import { openStream, serveRoute, waitFor } from "@/test/serve-route";
import { reloadConfig } from "@/lib/config";
import net from "node:net";

// Live streams that know their place (issue 17), over real HTTP: caps per user and for share links, a credential
// re-check that ends a stream (revoked link, disabled user) or narrows it (a demoted approver), one reader per release.
const RECHECK_MS = 1_000;
let server: Awaited<ReturnType<typeof serveRoute>>;
let worker: ReturnType<typeof startInProcessWorker>;

beforeAll(async () => {
  process.env.COUNTDOWN_STREAM_RECHECK_MS = String(RECHECK_MS);
  reloadConfig();
  server = await serveRoute(streamRoute, (url) => ({ id: url.pathname.split("/")[3] }));
  worker = startInProcessWorker();
});
afterAll(async () => {
  delete process.env.COUNTDOWN_STREAM_RECHECK_MS;
  reloadConfig();
  await server.close();
  await worker.stop();
});

const streamUrl = (releaseId: string, query = "") => `${server.base}/api/releases/${releaseId}/stream${query}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
type Open = Awaited<ReturnType<typeof openStream>>;
const connected = (s: Open) => waitFor("the stream is connected", () => s.text.includes(": connected"));

describe("live stream limits", () => {
  it("refuses a user's 11th concurrent stream with 429 and Retry-After, and gives the slot back when one closes", async () => {
    const viewer = await createCaller("viewer");
    const release = await createReleaseFixture(await createCaller("manager"));
    const token = await createApiToken(viewer.id, "tabs");
    const open: Open[] = [];
    for (let i = 0; i < 10; i++) open.push(await openStream(streamUrl(release.id), bearer(token)));
    expect(open.map((s) => s.res.status)).toEqual(Array(10).fill(200));
    const eleventh = await openStream(streamUrl(release.id), bearer(token));
    expect(eleventh.res.status).toBe(429);
    expect(Number(eleventh.res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another user is not affected by this one's tabs.
    const other = await openStream(streamUrl(release.id), bearer(await createApiToken((await createCaller("viewer")).id, "t")));
    expect(other.res.status).toBe(200);

    open[0].close();
    other.close();
    await waitFor("the closed stream's slot is free", async () => {
      const again = await openStream(streamUrl(release.id), bearer(token));
      if (again.res.status === 200) open.push(again);
      return again.res.status === 200;
    });
    for (const s of open) s.close();
  });

  it("bounds share-link streams by a process total and by new streams per address, not by a count per link", async () => {
    process.env.COUNTDOWN_SHARE_STREAM_BURST = "3";
    process.env.COUNTDOWN_SHARE_STREAM_RATE = "0.001";
    reloadConfig();
    try {
      const manager = await createCaller("manager");
      const release = await createReleaseFixture(manager);
      const { token } = await createShareLink(release.id, { expiresInDays: 1 }, manager, server.base);
      const url = streamUrl(release.id, `?share=${token}`);
      // Every stream here comes from 127.0.0.1: the address's bucket holds 3 new streams.
      const office = [await openStream(url), await openStream(url), await openStream(url)];
      expect(office.map((s) => s.res.status)).toEqual([200, 200, 200]);
      const fourth = await openStream(url);
      expect(fourth.res.status).toBe(429);
      expect(Number(fourth.res.headers.get("retry-after"))).toBeGreaterThan(0);
      for (const s of office) s.close();
      await waitFor("the share streams are closed", () => openStreamCounts().share === 0);

      process.env.COUNTDOWN_SHARE_STREAM_BURST = "1000";
      process.env.COUNTDOWN_SHARE_STREAM_RATE = "100000";
      process.env.COUNTDOWN_MAX_SHARE_STREAMS = "12";
      reloadConfig();
      const crowd: Open[] = [];
      for (let i = 0; i < 12; i++) crowd.push(await openStream(url));
      expect(crowd.every((s) => s.res.status === 200)).toBe(true);
      expect((await openStream(url)).res.status).toBe(429);
      for (const s of crowd) s.close();
    } finally {
      delete process.env.COUNTDOWN_SHARE_STREAM_BURST;
      delete process.env.COUNTDOWN_SHARE_STREAM_RATE;
      delete process.env.COUNTDOWN_MAX_SHARE_STREAMS;
      reloadConfig();
    }
  });
});

describe("live stream credentials", () => {
  it("ends a share link's open stream within the re-check interval when the link is revoked", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const quiet = await createShareLink(release.id, { expiresInDays: 1 }, manager, server.base);
    const announced = await createShareLink(release.id, { expiresInDays: 1 }, manager, server.base);
    const [a, b] = [await openStream(streamUrl(release.id, `?share=${quiet.token}`)), await openStream(streamUrl(release.id, `?share=${announced.token}`))];
    await Promise.all([connected(a), connected(b)]);

    // Revoked behind the app's back (no event, no signal): only the periodic re-check can see it.
    await db().shareLink.update({ where: { id: quiet.id }, data: { revokedAt: new Date() } });
    const revokedAt = Date.now();
    await waitFor("the revoked link's stream ends", () => a.ended, RECHECK_MS * 3);
    expect(Date.now() - revokedAt).toBeLessThan(RECHECK_MS + 500);
    expect(a.text).toContain('event: end\ndata: {"reason":"revoked"}');
    expect(b.ended).toBe(false);

    // Revoked the usual way: the release's share.revoked event makes its streams ask at once.
    await revokeShareLinks(release.id, manager);
    await waitFor("the other stream ends", () => b.ended, RECHECK_MS * 3);
    expect(b.text).toContain('event: end\ndata: {"reason":"revoked"}');
  });

  it("ends a stream when its user is disabled, and when its token expires", async () => {
    const viewer = await createCaller("viewer");
    const release = await createReleaseFixture(await createCaller("manager"));
    const s = await openStream(streamUrl(release.id), bearer(await createApiToken(viewer.id, "tv")));
    await connected(s);
    await db().user.update({ where: { id: viewer.id }, data: { disabledAt: new Date() } });
    await waitFor("the disabled user's stream ends", () => s.ended, RECHECK_MS * 3);
    expect(s.text).toContain('event: end\ndata: {"reason":"disabled"}');

    const other = await createCaller("viewer");
    const soon = await createApiToken(other.id, "soon", { expiresInDays: 1, now: new Date(Date.now() - 86_400_000 + 1_000) });
    const t = await openStream(streamUrl(release.id), bearer(soon));
    await connected(t);
    await waitFor("the expired token's stream ends", () => t.ended, RECHECK_MS * 4);
    expect(t.text).toContain('event: end\ndata: {"reason":"expired"}');
  });

  it("stops sending output lines to an approver demoted to viewer, and keeps sending the events", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [
      { name: "Verify", kind: "verify", steps: [{ kind: "command", text: "talk", command: "echo secret-output-line" }] },
    ]);
    const approver = await createCaller("approver");
    const s = await openStream(streamUrl(release.id), bearer(await createApiToken(approver.id, "watch")));
    await connected(s);

    const first = await startRun(release.id, { procedure: "verify" }, manager);
    await waitForRun(first.runId, ["succeeded"]);
    await waitFor("the approver sees the output", () => s.text.includes("event: run.succeeded"));
    expect(s.text).toContain("secret-output-line");

    await db().user.update({ where: { id: approver.id }, data: { role: "viewer" } });
    // Within one re-check interval the stream reads as a viewer's.
    await new Promise((r) => setTimeout(r, RECHECK_MS + 200));
    const mark = s.text.length;
    const second = await startRun(release.id, { procedure: "verify" }, manager);
    await waitForRun(second.runId, ["succeeded"]);
    await waitFor("the second run's end arrives", () => s.text.slice(mark).includes("event: run.succeeded"));
    const after = s.text.slice(mark);
    expect(after).toContain("event: step.succeeded");
    expect(after).not.toContain("event: output");
    expect(after).not.toContain("secret-output-line");
    expect(s.ended).toBe(false);
    s.close();
  });
});

describe("one reader per release", () => {
  it("serves twenty streams at twenty different cursors with one query a second", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [
      { name: "Verify", kind: "verify", steps: [{ kind: "command", text: "talk", command: "for i in $(seq 1 20); do echo line $i; done" }] },
    ]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    await waitForRun(runId, ["succeeded"]);
    const { lastSeq } = await db().release.findUniqueOrThrow({ where: { id: release.id } });
    const viewers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createCaller(i % 2 ? "viewer" : "approver").then((u) => createApiToken(u.id, "wall"))),
    );
    const streams = await Promise.all(viewers.map((t, i) => openStream(streamUrl(release.id, `?after=${i % lastSeq}`), bearer(t))));
    await Promise.all(streams.map((s) => waitFor("the replay arrives", () => s.text.includes("event: run.succeeded"))));

    const feed = runningFeeds().get(release.id)!;
    const before = feed.reads;
    await new Promise((r) => setTimeout(r, 3_000));
    // One poll a second for the release (a signal may add one), not one per stream per second.
    expect(feed.reads - before).toBeLessThanOrEqual(5);

    // A new run reaches every stream, each message exactly once.
    const tick = await startRun(release.id, { procedure: "verify" }, manager);
    await waitForRun(tick.runId, ["succeeded"]);
    await Promise.all(streams.map((s) => waitFor("the new run arrives", () => s.text.split("event: run.succeeded").length === 3)));
    for (const s of streams) {
      const ids = [...s.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      expect(ids).toEqual([...new Set(ids)].sort((x, y) => x - y));
    }
    for (const s of streams) s.close();
  });
});

describe("the bytes of a stream", () => {
  it("gives the stream's slot back at once when its client hung up before the stream started", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const gone = new AbortController();
    gone.abort();
    let closed = 0;
    const response = releaseStream({
      ...{ releaseId: release.id, head: 0, after: 0, caller: manager, audience: "full", recheckMs: 15_000, heartbeatMs: 15_000 },
      abort: gone.signal,
      onClose: () => closed++,
    });
    const reader = response.body!.getReader();
    const first = await reader.read();
    await waitFor("the slot is given back", () => closed === 1);
    // Nothing more comes: the stream ended.
    if (!first.done) expect((await reader.read()).done).toBe(true);
    expect(runningFeeds().has(release.id)).toBe(false);
  });

  it("writes a heartbeat comment on a stream that has been silent for the heartbeat interval, and none on a busy one", async () => {
    process.env.COUNTDOWN_STREAM_HEARTBEAT_MS = "400";
    reloadConfig();
    try {
      const manager = await createCaller("manager");
      const release = await createReleaseFixture(manager);
      const token = await createApiToken(manager.id, "quiet wall");
      const quiet = await openStream(streamUrl(release.id), bearer(token));
      await connected(quiet);
      await waitFor("two heartbeats", () => quiet.text.split(": heartbeat").length - 1 >= 2, 3_000);
      quiet.close();

      // Lines every 100 ms keep a stream from ever being silent for 400 ms.
      const busy = await releaseWithProcedures(manager, [
        { name: "Verify", kind: "verify", steps: [{ kind: "command", text: "talk", command: "for i in $(seq 1 15); do echo line $i; sleep 0.1; done" }] },
      ]);
      const watched = await openStream(streamUrl(busy.id), bearer(token));
      await connected(watched);
      const { runId } = await startRun(busy.id, { procedure: "verify" }, manager);
      await waitFor("the first line", () => watched.text.includes('line 1"'), 10_000);
      const from = watched.text.length;
      await waitForRun(runId, ["succeeded"]);
      const during = watched.text.slice(from, watched.text.indexOf('line 15"'));
      expect(during).toContain("line 14");
      expect(during).not.toContain(": heartbeat");
      watched.close();
    } finally {
      delete process.env.COUNTDOWN_STREAM_HEARTBEAT_MS;
      reloadConfig();
    }
  });

  /** A release whose history holds `lines` output lines of 1,000 characters after its own events; answers the seq before them. */
  async function releaseWithOutput(lines: number) {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "talk", command: "echo hi" }] }]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    await waitForRun(runId, ["succeeded"]);
    const step = await db().runStep.findFirstOrThrow({ where: { runId } });
    const { lastSeq } = await db().release.update({ where: { id: release.id }, data: { lastSeq: { increment: lines } } });
    await db().$executeRaw`
      INSERT INTO "OutputLine" ("releaseId", seq, "runId", "stepId", stream, line)
      SELECT ${release.id}::uuid, ${lastSeq - lines}::int + g, ${runId}::uuid, ${step.id}::uuid, 'stdout', repeat('x', 990) || lpad(g::text, 10, '0')
      FROM generate_series(1, ${lines}::int) g`;
    return { manager, release, before: lastSeq - lines, lastSeq };
  }

  it("serves the same history and live tail through the response body, as `next start` does", async () => {
    const { manager, release, before } = await releaseWithOutput(1_200);
    const body = await serveRoute(streamRoute, (url) => ({ id: url.pathname.split("/")[3] }), { through: "body" });
    try {
      const token = await createApiToken(manager.id, "both ways");
      const path = `/api/releases/${release.id}/stream?after=${before - 3}`;
      const [onSocket, throughBody] = [await openStream(`${server.base}${path}`, bearer(token)), await openStream(`${body.base}${path}`, bearer(token))];
      const last = `line":"${"x".repeat(990)}${String(1_200).padStart(10, "0")}`;
      await Promise.all([onSocket, throughBody].map((s) => waitFor("the history arrives", () => s.text.includes(last), 10_000)));
      const ids = (s: Open) => [...s.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      expect(ids(onSocket)).toEqual(Array.from({ length: 1_203 }, (_, i) => before - 2 + i));
      expect(ids(throughBody)).toEqual(ids(onSocket));
      onSocket.close();
      throughBody.close();
    } finally {
      await body.close();
    }
  });

  it("drops a client that stops reading once its unread bytes pass the limit, and gives its slot back", async () => {
    // Enough to fill the kernel's socket buffers on both ends and then the limit.
    const lines = Math.ceil((MAX_UNREAD_BYTES * 8) / 1_000);
    const { manager, release, before } = await releaseWithOutput(lines);
    const token = await createApiToken(manager.id, "never reads");
    await waitFor("earlier streams are closed", () => openStreamCounts().users === 0);
    const socket = net.connect(Number(new URL(server.base).port), "127.0.0.1");
    socket.on("error", () => {});
    socket.write(`GET /api/releases/${release.id}/stream?after=${before} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    // Reads the head, then stops reading for good.
    await new Promise<void>((resolve) => socket.once("data", () => (socket.pause(), resolve())));
    await waitFor("the stream holds a slot", () => openStreamCounts().users === 1);
    await waitFor("the stream is dropped", () => openStreamCounts().users === 0, 15_000);
    socket.destroy();

    // A client that reads gets all of it.
    const reader = await openStream(streamUrl(release.id, `?after=${before}`), bearer(token));
    await waitFor("every line arrives", () => reader.text.includes(String(lines).padStart(10, "0")), 15_000);
    expect([...reader.text.matchAll(/^event: output$/gm)].length).toBe(lines);
    reader.close();
  });
});
