import { describe, expect, it } from "vitest";
import { matchLists, similarity } from "@/lib/templates/match-lists";

describe("similarity", () => {
  it("is 1 for equal texts, high for an edited one, 0 for unrelated ones", () => {
    expect(similarity("Back up the database", "Back up the database")).toBe(1);
    expect(similarity("Back up the database", "Back up the production database")).toBeGreaterThan(0.8);
    expect(similarity("Back up the database", "Tweet the launch")).toBeLessThan(0.5);
    expect(similarity("", "x")).toBe(0);
  });
});

describe("matchLists", () => {
  it("pairs equal and edited texts, and says what was added and removed, in order", () => {
    const pairs = matchLists(
      ["Freeze code", "Back up the database", "Tweet the launch"],
      ["Freeze code", "Run smoke tests", "Back up the production database"],
    );
    expect(pairs).toEqual([
      { old: 0, next: 0 },
      { old: null, next: 1 },
      { old: 1, next: 2 },
      { old: 2, next: null },
    ]);
  });

  it("pairs by position when texts repeat", () => {
    expect(matchLists(["Check", "Check"], ["Check", "Check", "Check"])).toEqual([
      { old: 0, next: 0 },
      { old: 1, next: 1 },
      { old: null, next: 2 },
    ]);
  });

  it("keeps the order: a moved entry is removed in one place and added in the other", () => {
    const pairs = matchLists(["a one", "b two", "c three"], ["c three", "a one", "b two"]);
    expect(pairs.filter((p) => p.old !== null && p.next !== null)).toEqual([
      { old: 0, next: 1 },
      { old: 1, next: 2 },
    ]);
  });

  it("pairs equal texts only on lists too long to weigh", () => {
    const old = Array.from({ length: 600 }, (_, i) => `item ${i}`);
    const next = [...old.slice(1), "item 0 edited"];
    const pairs = matchLists(old, next);
    expect(pairs.filter((p) => p.old !== null && p.next !== null)).toHaveLength(599);
    expect(pairs).toContainEqual({ old: null, next: 599 });
    expect(pairs).toContainEqual({ old: 0, next: null });
  });
});
