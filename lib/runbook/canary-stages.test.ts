import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recogniseCanaries, weightCommandIn } from "@/lib/runbook/canary-stages";

// The canary scan was made linear (per-section work done once, continuation lines joined once); what it finds must
// not change. `legacyWeightCommandIn` is the quadratic version it replaced, kept here as the reference.
const WEIGHT_SETTING = /("weight"\s*:\s*|--weight[= ]|\bweight=)(\d{1,3})\b/g;

function legacyWeightCommandIn(section: { text: string; code: boolean }[], weights: number[]): string | null {
  const commands: string[] = [];
  let current = "";
  for (const l of section.filter((x) => x.code && !/^\s*(```|~~~)/.test(x.text))) {
    const text = l.text.trim();
    if (!current && (text === "" || text.startsWith("#"))) continue;
    current = current ? `${current} ${text}` : text;
    if (current.endsWith("\\")) current = current.slice(0, -1).trimEnd();
    else {
      commands.push(current);
      current = "";
    }
  }
  for (const command of commands) {
    const settings = [...command.matchAll(WEIGHT_SETTING)];
    if (settings.length === 1 && Number(settings[0][2]) < 100 && weights.includes(Number(settings[0][2])))
      return command.replace(WEIGHT_SETTING, (_m, lead: string) => `${lead}{{weight}}`);
  }
  return null;
}

const codeLine = fc.record({
  text: fc.constantFrom(
    "",
    " ",
    "\\",
    " \\",
    "# note",
    "```",
    "kubectl set --weight=10 \\",
    "  --weight=25",
    "weight=50",
    '"weight": 10',
    "x \\",
    "a",
    "--weight=100",
    "weight=5 weight=10",
  ),
  code: fc.boolean(),
});

describe("weightCommandIn", () => {
  it("finds what the quadratic version found", () => {
    fc.assert(
      fc.property(fc.array(codeLine, { maxLength: 12 }), fc.subarray([5, 10, 25, 50, 100]), (section, weights) => {
        expect(weightCommandIn(section, weights)).toBe(legacyWeightCommandIn(section, weights));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("recogniseCanaries on long sections", () => {
  it("gives each sequence the nearest bake of its section, the earlier one on a tie", () => {
    const md = ["## Rollout", "wait for 1 minute", "traffic 10% -> 50%", "wait for 2 minutes", "", "traffic 20% -> 60%", "", "wait for 3 minutes"].join("\n");
    expect(recogniseCanaries(md).map((c) => [c.line, c.stages[0].bakeSec])).toEqual([
      [3, 60],
      [6, 120],
    ]);
  });
});
