import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { chainHash, eventDigest, eventHash, hashMatches, legacyEventHash } from "@/lib/events/event-hash";

const event = {
  releaseId: "5f0c3c38-8f5a-4df4-9a58-3d7c1c1c0a11",
  seq: 7,
  type: "item.checked",
  actorId: null,
  at: new Date("2026-11-27T10:00:00.123Z"),
  payload: { text: "Backups verified", itemId: "x" },
  prevHash: "ab".repeat(32),
};

describe("event hashes", () => {
  it("links the previous hash, the sequence number and the digest of the canonical body", () => {
    const body =
      '{"actorId":null,"at":"2026-11-27T10:00:00.123Z","payload":{"itemId":"x","text":"Backups verified"},"releaseId":"5f0c3c38-8f5a-4df4-9a58-3d7c1c1c0a11","type":"item.checked"}';
    const digest = crypto.createHash("sha256").update(body).digest("hex");
    expect(eventDigest(event)).toBe(digest);
    expect(eventHash(event)).toBe(
      crypto
        .createHash("sha256")
        .update(`${"ab".repeat(32)}:7:${digest}`)
        .digest("hex"),
    );
    expect(chainHash(null, 1, digest)).toBe(crypto.createHash("sha256").update(`:1:${digest}`).digest("hex"));
  });

  it("accepts events written with the first formula and refuses a changed one", () => {
    expect(hashMatches({ ...event, hash: eventHash(event) })).toBe(true);
    expect(hashMatches({ ...event, hash: legacyEventHash(event) })).toBe(true);
    expect(hashMatches({ ...event, payload: { ...event.payload, text: "Backups skipped" }, hash: eventHash(event) })).toBe(false);
    expect(hashMatches({ ...event, seq: 8, hash: legacyEventHash(event) })).toBe(false);
  });
});
