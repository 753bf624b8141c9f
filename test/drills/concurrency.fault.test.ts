// Drill: bursts through real HTTP against the running app. 50 deploy requests for one environment start
// exactly one run (an admin overriding readiness with a reason, so the environment lock is what decides);
// 50 ticks of one item with the same version: exactly one 200, 49 x 409.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actor, releaseOf, SMALL_PLAN } from "@/bench/lib/seed";
import { call, expectErrorShape } from "./drill-helpers";

describe("concurrent requests", () => {
  it("50 parallel deploys of one environment start exactly one run", async () => {
    const admin = await actor("admin");
    const release = await releaseOf(admin, {
      phases: SMALL_PLAN,
      procedures: [{ name: "Deploy", kind: "deploy", steps: [{ kind: "command", text: "deploy", command: "sleep 2" }] }],
    });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("POST", `/api/releases/${release.id}/runs`, admin.headers, { procedure: "deploy", override: { reason: "drill: 50 parallel deploys" } }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const a of answers.filter((x) => x.status === 409)) {
      expectErrorShape(a.json, "409");
      expect((a.json as { error: { code: string } }).error.code).toBe("ENVIRONMENT_LOCKED");
    }
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(1);
  });

  it("50 ticks of one item with the same version: one 200, 49 x 409", async () => {
    const manager = await actor("manager");
    const release = await releaseOf(manager, { phases: SMALL_PLAN, procedures: [] });
    const item = release.phases[0].items[0];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call("PATCH", `/api/releases/${release.id}/items/${item.id}`, manager.headers, { checked: true, note: `writer ${i}`, version: item.version }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const a of answers.filter((x) => x.status === 409)) expectErrorShape(a.json, "409");
    const stored = await db().releaseItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.version).toBe(item.version + 1);
    expect(await db().event.count({ where: { releaseId: release.id, type: "item.checked" } })).toBe(1);
  });
});
