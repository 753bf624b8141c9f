import { describe, expect, it } from "vitest";
import { applyDiff, diffGroups, PHASE_KEYS, phaseGroups, procedureGroups, PROCEDURE_KEYS } from "@/lib/templates/plan-diff";
import { previewCounts, previewGroups } from "@/lib/templates/reimport-preview";

const item = (text: string, extra: { details?: string | null; ownerRole?: string | null; id?: string } = {}) => ({
  text,
  details: extra.details ?? null,
  required: true,
  ownerRole: extra.ownerRole ?? null,
  ...(extra.id ? { id: extra.id } : {}),
});

const oldImport = [
  { title: "Prep", offsetMinutes: -1440, items: [item("Freeze code"), item("Back up the database"), item("Tweet the launch")] },
  { title: "Launch", offsetMinutes: 0, items: [item("Flip the flag")] },
];
const newRunbook = [
  {
    title: "Prep",
    offsetMinutes: -1440,
    items: [item("Freeze code"), item("Run smoke tests"), item("Back up the production database"), item("Check the dashboards")],
  },
  { title: "Launch", offsetMinutes: -30, items: [item("Flip the flag")] },
  { title: "After", offsetMinutes: 120, items: [item("Write the report")] },
];
// In Countdown since the import: "Freeze code" got an owner and details, "Tweet the launch" was deleted, one item added.
const current = [
  {
    id: "p1",
    title: "Prep",
    offsetMinutes: -1440,
    items: [
      item("Freeze code", { id: "i1", ownerRole: "Eng lead", details: "- main and release branches" }),
      item("Back up the database", { id: "i2" }),
      item("Ask legal", { id: "i4" }),
    ],
  },
  { id: "p2", title: "Launch", offsetMinutes: 0, items: [item("Flip the flag", { id: "i5" })] },
];

describe("the preview: what applying the diff does to the template as it is now", () => {
  const preview = (next: typeof newRunbook) => {
    const merged = applyDiff(diffGroups(phaseGroups(oldImport), phaseGroups(next), PHASE_KEYS), phaseGroups(current), PHASE_KEYS);
    return previewGroups(phaseGroups(current), merged, "phase", PHASE_KEYS);
  };

  it("says which items and phases the changed runbook adds, removes and changes", () => {
    const groups = preview(newRunbook);
    expect(groups.map((g) => [g.change, g.name, g.fields])).toEqual([
      ["changed", "Prep", []],
      ["changed", "Launch", ["offsetMinutes"]],
      ["added", "After", []],
    ]);
    // "Tweet the launch" was deleted in Countdown already: nothing to remove
    expect(groups[0].entries).toEqual([
      { change: "added", text: "Run smoke tests", before: null, fields: [] },
      { change: "changed", text: "Back up the production database", before: "Back up the database", fields: ["text"] },
      { change: "added", text: "Check the dashboards", before: null, fields: [] },
    ]);
    expect(previewCounts(groups)).toEqual({ added: 3, removed: 0, changed: 2 });
  });

  it("finds nothing to change when the runbook is the same, or says only what the template already has", () => {
    expect(preview(oldImport)).toEqual([]);
    // downloaded after the edits: the item added in Countdown is in the runbook too, and is not added twice
    const downloaded = [{ ...oldImport[0], items: [...oldImport[0].items.slice(0, 2), item("Ask legal")] }, oldImport[1]];
    expect(preview(downloaded)).toEqual([]);
  });

  it("lists a removed phase with its items", () => {
    const groups = preview([oldImport[1]]);
    expect(groups).toEqual([
      {
        kind: "phase",
        change: "removed",
        name: "Prep",
        before: null,
        fields: [],
        entries: ["Freeze code", "Back up the database", "Ask legal"].map((text) => ({ change: "removed", text, before: null, fields: [] })),
      },
    ]);
  });
});

describe("applyDiff", () => {
  it("applies the runbook's changes onto the template as it is now, keeping edits made in Countdown", () => {
    const diff = diffGroups(phaseGroups(oldImport), phaseGroups(newRunbook), PHASE_KEYS);
    const merged = applyDiff(diff, phaseGroups(current), PHASE_KEYS);
    expect(merged.map((g) => [g.id, g.head])).toEqual([
      ["p1", { title: "Prep", offsetMinutes: -1440 }],
      ["p2", { title: "Launch", offsetMinutes: -30 }],
      [undefined, { title: "After", offsetMinutes: 120 }],
    ]);
    expect(merged[0].entries.map((e) => [e.id, e.fields.text, e.fields.ownerRole, e.fields.details])).toEqual([
      ["i1", "Freeze code", "Eng lead", "- main and release branches"], // unchanged in the runbook: the edit stays
      [undefined, "Run smoke tests", null, null],
      ["i2", "Back up the production database", null, null],
      [undefined, "Check the dashboards", null, null],
      ["i4", "Ask legal", null, null], // added in Countdown: stays
    ]);
    expect(merged[1].entries.map((e) => e.id)).toEqual(["i5"]);
  });

  it("changes only the fields the runbook changed: a step's new command keeps the text edited in Countdown", () => {
    const step = (text: string, command: string, id?: string) => ({ ...(id ? { id } : {}), kind: "command", text, command });
    const old = procedureGroups([{ name: "Deploy", kind: "deploy", steps: [step("Roll out", "kubectl apply -f v1.yaml")] }]);
    const next = procedureGroups([{ name: "Deploy", kind: "deploy", steps: [step("Roll out", "kubectl apply -f v2.yaml")] }]);
    const now = procedureGroups([{ id: "pr1", name: "Deploy", kind: "deploy", steps: [step("Roll out the web tier", "kubectl apply -f v1.yaml", "s1")] }]);
    const merged = applyDiff(diffGroups(old, next, PROCEDURE_KEYS), now, PROCEDURE_KEYS);
    expect(merged[0].entries).toEqual([{ id: "s1", fields: { kind: "command", text: "Roll out the web tier", command: "kubectl apply -f v2.yaml" } }]);
  });

  it("removes a phase the runbook removed, and leaves one deleted in Countdown deleted", () => {
    const diff = diffGroups(phaseGroups(oldImport), phaseGroups([oldImport[1]]), PHASE_KEYS);
    expect(applyDiff(diff, phaseGroups(current), PHASE_KEYS).map((g) => g.id)).toEqual(["p2"]);
    const changedPrep = diffGroups(phaseGroups(oldImport), phaseGroups(newRunbook), PHASE_KEYS);
    expect(applyDiff(changedPrep, phaseGroups([current[1]]), PHASE_KEYS).map((g) => g.head.title)).toEqual(["Launch", "After"]);
  });
});
