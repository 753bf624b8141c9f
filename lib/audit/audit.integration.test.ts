import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { auditCsv, AUDIT_CSV_HEADER, exportAudit } from "@/lib/audit/export-audit";
import { parseCsv } from "@/lib/audit/csv-reader";
import { verifyChains } from "@/lib/audit/verify-chains";
import { decide } from "@/lib/decisions/decide";
import { withdrawDecision } from "@/lib/decisions/withdraw-decision";
import { gateRelease } from "@/test/decision-fixtures";
import { createCaller } from "@/test/factories";
import { ownerDb } from "@/test/owner-db";

const run = promisify(execFile);

async function releaseWithHistory() {
  const { release, manager } = await gateRelease({ commitSha: "3f9c2a1b7d", imageTag: "checkout:3.1.0" });
  const lead = await createCaller("approver", ["lead"]);
  const onCall = await createCaller("approver", ["on-call"]);
  const changedMind = await createCaller("approver");
  await decide(release.id, { decision: "no-go", comment: 'staging is red, "really"\nsee #ops' }, lead);
  await decide(release.id, { decision: "go", comment: "fixed" }, lead);
  await decide(release.id, { decision: "go" }, onCall);
  await decide(release.id, { decision: "go" }, changedMind);
  await withdrawDecision(release.id, changedMind);
  return { release, manager, lead, onCall };
}

describe("the audit export", () => {
  it("lists every event with actor, hashes and the release's facts (JSON)", async () => {
    const { release, manager, lead, onCall } = await releaseWithHistory();
    const audit = await exportAudit(release.id);
    expect(audit.facts).toMatchObject({ version: "3.1.0", commitSha: "3f9c2a1b7d", imageTag: "checkout:3.1.0", rollbackRan: false, rollbacks: [] });
    expect(audit.facts.approvers.map((a) => a.email)).toEqual([lead.email, onCall.email]);
    const { lastEventHash } = await db().release.findUniqueOrThrow({ where: { id: release.id } });
    expect(audit.chain).toEqual({ intact: true, head: lastEventHash });
    expect(audit.events.map((e) => [e.seq, e.type])).toEqual([
      [1, "release.created"],
      [2, "decision.no_go"],
      [3, "decision.go"],
      [4, "decision.go"],
      [5, "decision.go"],
      [6, "decision.withdrawn"],
    ]);
    expect(audit.events[0]).toMatchObject({ actor: manager.email, actorId: manager.id, prevHash: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(audit.events[1]).toMatchObject({
      actor: lead.email,
      prevHash: audit.events[0].hash,
      payload: { decision: "no-go", comment: 'staging is red, "really"\nsee #ops' },
    });
    expect(audit.events[1].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    await db().run.create({
      data: { releaseId: release.id, procedureName: "Rollback", procedureKind: "rollback", environment: release.environment, status: "succeeded" },
    });
    expect((await exportAudit(release.id)).facts.rollbackRan).toBe(true);
  });

  it("writes the same history as CSV that reads back field for field", async () => {
    const { release, lead, onCall } = await releaseWithHistory();
    const audit = await exportAudit(release.id);
    const [header, ...rows] = parseCsv(auditCsv(audit));
    expect(header).toEqual(AUDIT_CSV_HEADER);
    expect(rows).toHaveLength(audit.events.length);
    const noGo = rows[1];
    expect(noGo.slice(0, 4)).toEqual(["2", audit.events[1].at, "decision.no_go", lead.email]);
    expect(JSON.parse(noGo[4])).toEqual(audit.events[1].payload);
    expect(noGo.slice(5)).toEqual([
      audit.events[0].hash,
      audit.events[1].hash,
      "3.1.0",
      "3f9c2a1b7d",
      "checkout:3.1.0",
      `${lead.email}; ${onCall.email}`,
      "false",
    ]);
    expect(rows[0][5]).toBe("");
  });

  it("answers 404 for an unknown release", async () => {
    await expect(exportAudit("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 404 });
  });
});

describe("tamper detection", () => {
  it("names the first event changed behind the application's back", async () => {
    const { release } = await releaseWithHistory();
    await expect(
      ownerDb().$transaction(async (tx) => {
        expect((await verifyChains(tx, { id: release.id })).broken).toEqual([]);
        await tx.$executeRawUnsafe(`ALTER TABLE "Event" DISABLE TRIGGER "Event_append_only"`);
        await tx.$executeRaw`UPDATE "Event" SET payload = jsonb_set(payload, '{comment}', '"all fine"') WHERE "releaseId" = ${release.id}::uuid AND seq = 2`;
        expect((await verifyChains(tx, { id: release.id })).broken).toEqual([
          { releaseId: release.id, releaseName: release.name, seq: 2, reason: expect.stringContaining("contents do not match") },
        ]);

        // A forger who also fixes that row's hash breaks the link to the next event instead.
        const [row] = await tx.$queryRaw<{ hash: string }[]>`SELECT hash FROM "Event" WHERE "releaseId" = ${release.id}::uuid AND seq = 2`;
        const { eventHash } = await import("@/lib/events/event-hash");
        const forged = await tx.event.findFirstOrThrow({ where: { releaseId: release.id, seq: 2 } });
        const rehashed = eventHash({ ...forged, payload: forged.payload });
        expect(rehashed).not.toBe(row.hash);
        await tx.$executeRaw`UPDATE "Event" SET hash = ${rehashed} WHERE "releaseId" = ${release.id}::uuid AND seq = 2`;
        expect((await verifyChains(tx, { id: release.id })).broken).toEqual([expect.objectContaining({ seq: 3, reason: expect.stringContaining("prevHash") })]);

        await tx.$executeRaw`DELETE FROM "Event" WHERE "releaseId" = ${release.id}::uuid AND seq >= 2`;
        expect((await verifyChains(tx, { id: release.id })).broken).toEqual([expect.objectContaining({ seq: 2, reason: expect.stringContaining("missing") })]);
        throw new Error("roll back the forgery");
      }),
    ).rejects.toThrow("roll back the forgery");
    expect((await verifyChains(db(), { id: release.id })).broken).toEqual([]);
    await expect(ownerDb().$executeRaw`UPDATE "Event" SET type = 'x' WHERE "releaseId" = ${release.id}::uuid`).rejects.toThrow(/append-only/);
  });

  it("npm run audit:verify exits 1 naming the release and the seq, and no longer names it once the row is restored", async () => {
    const { release } = await releaseWithHistory();
    const tamper = (comment: string) =>
      ownerDb().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`ALTER TABLE "Event" DISABLE TRIGGER "Event_append_only"`);
        await tx.$executeRaw`UPDATE "Event" SET payload = jsonb_set(payload, '{comment}', to_jsonb(${comment}::text)) WHERE "releaseId" = ${release.id}::uuid AND seq = 3`;
        await tx.$executeRawUnsafe(`ALTER TABLE "Event" ENABLE TRIGGER "Event_append_only"`);
      });
    const verify = () =>
      run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/audit-verify.ts"], {
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );

    await tamper("nothing to see");
    try {
      const broken = await verify();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`BROKEN release ${release.id} (${release.name}): first broken event seq 3: its contents do not match its hash`);
    } finally {
      await tamper("fixed");
    }
    const restored = await verify();
    expect(restored.stdout).not.toContain(release.id);
  });
});
