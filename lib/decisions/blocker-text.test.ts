import { describe, expect, it } from "vitest";
import { blockerSentence, groupBlockerSentence } from "@/lib/decisions/blocker-text";

const ari = { id: "a", name: "Ari Approver" };
const bo = { id: "b", name: "Bo Approver" };
const group = (candidates: { id: string; name: string }[]) => ({ kind: "group" as const, stillNeeded: 1, anyOf: ["lead"], candidates });

describe("blocker sentences", () => {
  it("the server's sentence names people and says UTC", () => {
    expect(blockerSentence(group([ari, bo]))).toBe("It needs 1 more go from lead (Ari Approver, Bo Approver can give it).");
    expect(blockerSentence({ kind: "freeze", environment: "production", until: "2026-12-05T16:48:00.000Z", reason: "Launch week" })).toBe(
      "production is frozen until 2026-12-05 16:48 UTC: Launch week.",
    );
    expect(blockerSentence(group([]))).toBe("It needs 1 more go from lead (nobody in that group can give it yet).");
  });

  it("says 'you' to the approver who can give the go", () => {
    expect(groupBlockerSentence(group([ari]), "a")).toBe("It needs 1 more go from lead (you can give it).");
    expect(groupBlockerSentence(group([bo, ari]), "a")).toBe("It needs 1 more go from lead (you or Bo Approver can give it).");
    expect(groupBlockerSentence(group([bo, ari]), "someone-else")).toBe("It needs 1 more go from lead (Bo Approver, Ari Approver can give it).");
  });
});
