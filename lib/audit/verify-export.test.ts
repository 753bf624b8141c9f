import { describe, expect, it } from "vitest";
import { eventHash } from "@/lib/events/event-hash";
import { parseAuditExport, verifyExport } from "@/lib/audit/verify-export";

const releaseId = "5f0c2b1e-0000-4000-8000-000000000001";

/** An export of `n` events chained as the database chains them. */
function exportOf(n: number) {
  let prevHash: string | null = null;
  const events = Array.from({ length: n }, (_, i) => {
    const e = {
      seq: i + 1,
      at: new Date(Date.UTC(2030, 0, 1, 10, i)).toISOString(),
      type: "note.added",
      actorId: null as string | null,
      payload: { text: `note ${i + 1}` } as Record<string, unknown>,
      prevHash,
    };
    const hash = eventHash({ ...e, releaseId, at: new Date(e.at) });
    prevHash = hash;
    return { ...e, hash };
  });
  return { release: { id: releaseId }, chain: { intact: true }, events };
}

describe("verifyExport", () => {
  it("accepts an untouched export and reports its head", () => {
    const audit = exportOf(4);
    expect(verifyExport(audit)).toEqual({ releaseId, events: 4, head: audit.events[3].hash, broken: null });
  });

  it("names the first event whose contents, time, place or neighbours changed", () => {
    const changed = exportOf(4);
    changed.events[2].payload = { text: "edited" };
    expect(verifyExport(changed).broken).toEqual({ seq: 3, type: "note.added", reason: expect.stringContaining("contents do not match") });

    const retimed = exportOf(4);
    retimed.events[1].at = retimed.events[1].at.replace("Z", "+00:00"); // the same instant, written otherwise
    expect(verifyExport(retimed).broken?.seq).toBe(2);

    const removed = exportOf(4);
    removed.events.splice(1, 1);
    expect(verifyExport(removed).broken).toMatchObject({ seq: 3, reason: expect.stringContaining("where 2 was expected") });

    const cut = exportOf(4);
    cut.events.splice(0, 1);
    expect(verifyExport(cut).broken?.seq).toBe(2);
  });

  it("finds the witnessed head among the events, or says it is not there", () => {
    const audit = exportOf(5);
    expect(verifyExport(audit, audit.events[3].hash).witnessSeq).toBe(4);
    expect(verifyExport(audit, "0".repeat(64)).witnessSeq).toBeNull();
  });

  it("refuses a file without the hashed fields (an export from before actorId was included)", () => {
    const old = exportOf(1) as { events: Record<string, unknown>[] };
    delete old.events[0].actorId;
    expect(() => parseAuditExport(JSON.stringify(old))).toThrow(/not a Countdown audit export/);
  });
});
