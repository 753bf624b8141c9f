import { describe, expect, it } from "vitest";
import { POST as cancelRoute } from "@/app/api/releases/[id]/cancel/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { decide } from "@/lib/decisions/decide";
import { listWaitingForDecision } from "@/lib/decisions/list-waiting";
import { overrideNoGo } from "@/lib/decisions/override-no-go";
import { withdrawDecision } from "@/lib/decisions/withdraw-decision";
import { gateRelease } from "@/test/decision-fixtures";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { callRoute } from "@/test/call-route";
import { createCaller } from "@/test/factories";

describe("waiting for my decision", () => {
  it("lists open releases I may decide and have not, and drops one once I vote", async () => {
    const lead = await createCaller("approver", ["lead"]);
    // The list is the 50 soonest open releases of the whole database, which other test files fill in parallel (most
    // of them at 2030-01-15): these come before all of those.
    const soon = new Date(Date.now() + 86_400_000);
    const { release } = await gateRelease({ scheduledAt: soon });
    const { release: mine } = await gateRelease({ scheduledAt: soon });
    await db().release.update({ where: { id: mine.id }, data: { managerId: lead.id } });
    const { release: cancelled } = await gateRelease({ scheduledAt: soon });
    const cancelledBy = await createCaller("manager");
    const answer = await callRoute(
      cancelRoute,
      `/api/releases/${cancelled.id}/cancel`,
      { id: cancelled.id },
      { method: "POST", token: await createApiToken(cancelledBy.id, "t"), body: { reason: "Scope moved" } },
    );
    expect(answer.status).toBe(200);

    const before = (await listWaitingForDecision(lead)).releases.map((r) => r.id);
    expect(before).toContain(release.id);
    expect(before).not.toContain(mine.id);
    expect(before).not.toContain(cancelled.id);
    const entry = (await listWaitingForDecision(lead)).releases.find((r) => r.id === release.id)!;
    expect(entry).toMatchObject({ neededFromMe: true, decisions: { goes: 0, needed: 2, noGos: 0 }, policy: "2 gos, at least 1 from lead" });

    await decide(release.id, { decision: "go" }, lead);
    expect((await listWaitingForDecision(lead)).releases.map((r) => r.id)).not.toContain(release.id);
    await withdrawDecision(release.id, lead);
    expect((await listWaitingForDecision(lead)).releases.map((r) => r.id)).toContain(release.id);

    expect(await listWaitingForDecision(await createCaller("viewer"))).toEqual({ releases: [] });
  });
});

describe("the timeline", () => {
  it("lists decisions with comments in time order, withdrawals and overrides, and phases without command text", async () => {
    const { release } = await gateRelease();
    const a = await createCaller("approver");
    const b = await createCaller("approver");
    const admin = await createCaller("admin");
    await decide(release.id, { decision: "no-go", comment: "wait" }, a);
    const { decision: bNoGo } = await decide(release.id, { decision: "no-go", comment: "also wait" }, b);
    await withdrawDecision(release.id, a);
    await overrideNoGo(release.id, bNoGo.decisionId, { reason: "accepted" }, admin);
    await decide(release.id, { decision: "go", comment: "ok now" }, a);

    const timeline = await getTimeline(release.id);
    expect(timeline.decisions.map((d) => [d.decision, d.comment, d.withdrawnAt !== null, d.override?.reason ?? null])).toEqual([
      ["no-go", "wait", true, null],
      ["no-go", "also wait", false, "accepted"],
      ["go", "ok now", false, null],
    ]);
    expect(timeline.decisions[1].override).toEqual({ by: admin.name, reason: "accepted" });
    const ats = timeline.decisions.map((d) => d.at);
    expect([...ats].sort()).toEqual(ats);
    expect(timeline.phases.map((p) => [p.title, p.progress])).toEqual([
      ["Week before", { checked: 0, total: 2 }],
      ["Anytime", { checked: 0, total: 1 }],
      ["After launch", { checked: 0, total: 1 }],
    ]);
    expect(JSON.stringify(timeline)).not.toContain("echo");
  });
});
