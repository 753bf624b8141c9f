// Drill: the embedded PostgreSQL is stopped and started again while 20 clients stream a running release.
// During the outage the API answers 503 in the documented shape; afterwards the same app processes serve
// again, and within 10 s of the restart every client holds every message of the release exactly once, in order.
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/scripts/services/embedded-postgres";
import { actor, releaseOf, SMALL_PLAN } from "@/bench/lib/seed";
import { openSse, type SseClient } from "@/bench/lib/sse-client";
import { APP, call, expectErrorShape } from "./drill-helpers";
import { orNotYet, waitFor } from "@/test/wait-for";

const clients: SseClient[] = [];
afterAll(() => clients.forEach((c) => c.close()));

/** Every message of the release after `after`, read straight from the database (the truth). */
async function storedSeqs(releaseId: string, after: number): Promise<number[]> {
  const { db } = await import("@/lib/db");
  const [events, lines] = await Promise.all([
    db().event.findMany({ where: { releaseId, seq: { gt: after } }, select: { seq: true } }),
    db().outputLine.findMany({ where: { releaseId, seq: { gt: after } }, select: { seq: true } }),
  ]);
  return [...events, ...lines].map((r) => r.seq).sort((a, b) => a - b);
}

describe("database restart under live streams", () => {
  it("answers 503 while down, recovers without restarting the app, every client gets every message once, in order", async () => {
    const manager = await actor("manager");
    const command = "for i in $(seq 1 200); do echo line $i; sleep 0.05; done";
    const release = await releaseOf(manager, {
      phases: SMALL_PLAN,
      procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "count", command }] }],
    });
    const after = release.lastSeq;
    for (let i = 0; i < 20; i++) clients.push(openSse(`${APP()}/api/releases/${release.id}/stream?after=${after}`, manager.headers));
    await Promise.all(clients.map((c) => c.connected));
    const started = await call("POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "verify" });
    expect(started.status).toBe(202);
    const { runId } = started.json as { runId: string };
    await waitFor(
      "20 lines on every client",
      orNotYet(async () => clients.every((c) => c.messages.filter((m) => m.event === "output").length >= 20)),
      30_000,
    );

    const database = await startEmbeddedPostgres(process.env.DRILL_DATA_DIR!, () => {}, { adopt: true });
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    await database.stop();
    const during: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call("GET", `/api/releases/${release.id}`, manager.headers);
      during.push(res.status);
      if (res.status >= 400) expectErrorShape(res.json, `GET during the outage (${res.status})`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const health = await call("GET", "/api/health", {});
    await startEmbeddedPostgres(process.env.DRILL_DATA_DIR!);
    const restartedAt = Date.now();
    expect(during).toEqual([503, 503, 503]);
    expect(health.status).toBe(503);

    await waitFor(
      "the API to answer 200 again",
      orNotYet(async () => (await call("GET", `/api/releases/${release.id}`, manager.headers)).status === 200),
      10_000,
    );
    // The run goes on or is parked (its output could not be stored while the database was away); either way it
    // settles, and then every client must hold exactly what the database holds.
    const { db } = await import("@/lib/db");
    await waitFor(
      "the run to settle",
      orNotYet(async () => !["queued", "running"].includes((await db().run.findUniqueOrThrow({ where: { id: runId } })).status)),
      30_000,
      250,
    );
    const truth = await storedSeqs(release.id, after);
    const settledAt = Date.now();
    await waitFor(
      "every client to catch up",
      orNotYet(async () => clients.every((c) => c.messages.length >= truth.length)),
      Math.max(2_000, restartedAt + 10_000 - settledAt),
      100,
    ).then(
      () => true,
      // Not caught up in time: the assertions below say which client lacks what, and the time check fails.
      () => false,
    );
    const caughtUpMs = Date.now() - restartedAt;
    for (const [i, c] of clients.entries()) {
      const seqs = c.messages.map((m) => m.id);
      expect(seqs, `client ${i}: every message once, in order`).toEqual(truth);
    }
    expect(caughtUpMs, "caught up within 10 s of the restart, or within 2 s of the run settling").toBeLessThan(
      Math.max(10_000, settledAt - restartedAt + 2_000),
    );
  });
});
