import { describe, expect, it } from "vitest";
import { decide } from "@/lib/decisions/decide";
import { getPolicy } from "@/lib/decisions/get-policy";
import { getReadiness } from "@/lib/decisions/readiness";
import { setPolicy } from "@/lib/decisions/set-policy";
import { eventsOf, gateRelease, tickGatingItems } from "@/test/decision-fixtures";
import { createCaller } from "@/test/factories";

describe("approval policies", () => {
  it("uses the default until a template sets its own, with optimistic concurrency, and records the change", async () => {
    const { release, manager } = await gateRelease({ type: "hotfix" });
    const templateId = release.template.id;
    const { release: regular } = await gateRelease({ templateId, type: "regular" });
    expect(await getPolicy(templateId, "hotfix")).toMatchObject({
      minGoes: 1,
      groupRules: [{ anyOf: ["on-call", "lead"], count: 1 }],
      version: 0,
      source: "default",
    });

    const admin = await createCaller("admin");
    const set = await setPolicy(
      templateId,
      "hotfix",
      { minGoes: 2, groupRules: [{ anyOf: ["dba"], count: 1 }], version: 0, reason: "DBA sign-off instead of on-call" },
      admin,
    );
    expect(set).toMatchObject({ minGoes: 2, version: 1, source: "template", releasesNotified: 1 });
    await expect(setPolicy(templateId, "hotfix", { minGoes: 1, groupRules: [], version: 0 }, admin)).rejects.toMatchObject({
      status: 409,
      details: { field: "version" },
    });
    await expect(setPolicy(templateId, "hotfix", { minGoes: 1, groupRules: [], version: 7 }, manager)).rejects.toMatchObject({ status: 409 });

    const event = (await eventsOf(release.id)).find((e) => e.type === "policy.changed");
    expect(event).toMatchObject({
      actorId: admin.id,
      payload: { releaseType: "hotfix", before: "1 go, at least 1 from on-call or lead", after: "2 gos, at least 1 from dba", version: 1 },
    });
    expect((await eventsOf(regular.id)).some((e) => e.type === "policy.changed")).toBe(false);

    await tickGatingItems(release, manager);
    await decide(release.id, { decision: "go" }, await createCaller("approver", ["lead"]));
    expect((await getReadiness(release.id)).blockers).toEqual([
      "It needs 1 more go (1 of 2 so far).",
      "It needs 1 more go from dba (nobody in that group can give it yet).",
    ]);
    await decide(release.id, { decision: "go" }, await createCaller("approver", ["dba"]));
    expect((await getReadiness(release.id)).ready).toBe(true);

    // Lowering the bar takes an admin and a reason (trust-rules.integration.test.ts has the details).
    await expect(setPolicy(templateId, "hotfix", { minGoes: 1, groupRules: [], version: 1 }, manager)).rejects.toMatchObject({
      status: 403,
      code: "POLICY_LOOSENING_NEEDS_ADMIN",
    });
    const relaxed = await setPolicy(templateId, "hotfix", { minGoes: 1, groupRules: [], version: 1, reason: "DBA on leave" }, admin);
    expect(relaxed.version).toBe(2);
  });

  it("answers 404 for an unknown template", async () => {
    const admin = await createCaller("admin");
    await expect(setPolicy("00000000-0000-4000-8000-000000000000", "regular", { minGoes: 1, groupRules: [], version: 0 }, admin)).rejects.toMatchObject({
      status: 404,
    });
  });
});
