import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRelease } from "@/lib/releases/create-release";
import { getTemplate } from "@/lib/templates/get-template";
import { importTemplate } from "@/lib/templates/import-template";
import { createCaller } from "@/test/factories";

const fixtures = path.resolve(import.meta.dirname, "../runbook/fixtures");

describe("importing a runbook", () => {
  it("stores every phase, item, procedure and step the parser made, and a release copies the plan", async () => {
    const manager = await createCaller("manager");
    const markdown = fs.readFileSync(path.join(fixtures, "auto-grader-launch-procedures.md"));
    const { template, counts, unplaced, coverage, warnings } = await importTemplate(markdown, undefined, manager);
    // issue 18: plain bullets of plan sections are items, contingency sections playbooks, configs in bash fences references
    expect(counts).toEqual({ phases: 9, checklistItems: 47, procedures: 9, steps: 44 });
    // its Communication Plan is the template's reminders (T-24h, T-0, T+2h), not the default ones
    const stored = await db().template.findUniqueOrThrow({ where: { id: template.id }, select: { reminders: true } });
    expect((stored.reminders as { offsetMinutes: number }[]).map((r) => r.offsetMinutes)).toEqual([-1440, 0, 120]);
    expect(warnings).toEqual([]);
    expect(coverage.placed + coverage.unplaced).toBe(coverage.blocks);
    expect(template.coverage).toEqual(coverage);
    expect(template.phases).toHaveLength(counts.phases);
    expect(template.phases.flatMap((p) => p.items)).toHaveLength(counts.checklistItems);
    expect(template.procedures.flatMap((p) => p.steps)).toHaveLength(counts.steps);
    expect(unplaced.length).toBe(1); // the table of contents; the yaml blocks are code references now
    const http = template.procedures.flatMap((p) => p.steps).filter((s) => s.kind === "http");
    expect(http.length).toBe(3);
    expect(http[0]).toMatchObject({ request: { method: expect.any(String), url: expect.stringMatching(/^https?:/) } });
    expect(http[0]).not.toHaveProperty("line");
    // The answer is built from what was written, not read back: it must be exactly what a read gives.
    expect(JSON.parse(JSON.stringify(template))).toEqual(JSON.parse(JSON.stringify(await getTemplate(template.id))));

    const release = await createRelease(
      { templateId: template.id, name: "Grader", version: "1.0", type: "regular", environment: "prod", scheduledAt: new Date("2030-06-01T12:00:00Z") },
      manager,
    );
    expect(release.phases.flatMap((p) => p.items)).toHaveLength(counts.checklistItems);
    const timed = release.phases.filter((p) => p.offsetMinutes !== null);
    for (const p of timed) expect(new Date(p.dueAt!).getTime()).toBe(Date.parse("2030-06-01T12:00:00Z") + p.offsetMinutes! * 60_000);
  });

  it("keeps the canary and the threshold bullets it recognised; the canary becomes a runnable deploy canary once a manager adds it", async () => {
    const manager = await createCaller("manager");
    const { template } = await importTemplate(fs.readFileSync(path.join(fixtures, "ancient-compute-launch-guide.md")), "Ancient", manager);
    expect(template.canaries).toEqual([expect.objectContaining({ line: 319, stages: [10, 25, 50, 100].map((weight) => ({ weight, bakeSec: 300 })) })]);
    expect(template.thresholds).toContainEqual(
      expect.objectContaining({ metric: "Error Rate", source: "list", rule: { op: ">", value: 0.5, unit: "%", breach: true, forSec: null } }),
    );
    const [canary] = template.canaries as { weightCommand: string; stages: { weight: number; bakeSec: number }[] }[];
    const deploy = template.procedures.find((p) => p.name === "Option 2: Canary Deployment")!;
    const { addTemplateStep } = await import("@/lib/templates/edit/template-step-edits");
    await addTemplateStep(template.id, {
      procedureId: deploy.id,
      kind: "canary",
      text: "Canary",
      config: { weightCommand: canary.weightCommand, stages: canary.stages },
      version: template.version,
    });
    const stored = await db().templateStep.findFirstOrThrow({ where: { procedureId: deploy.id, kind: "canary" } });
    expect(stored.config).toMatchObject({
      weightCommand: expect.stringContaining('"weight":{{weight}}'),
      stages: [{ weight: 10, promotion: "auto" }, { weight: 25 }, { weight: 50 }, { weight: 100 }],
    });
  });

  it("names the template from ?name=, else the runbook's title", async () => {
    const manager = await createCaller("manager");
    const titled = await importTemplate(Buffer.from("# Payments launch\n\n## T-1 day\n- [ ] Tell support\n"), undefined, manager);
    expect(titled.template.name).toBe("Payments launch");
    expect(titled.template.phases[0]).toMatchObject({ title: "T-1 day", offsetMinutes: -1440 });
    const named = await importTemplate(Buffer.from("- [ ] Only an item"), "Tiny", manager);
    expect(named.template.name).toBe("Tiny");
    expect(named.counts.checklistItems).toBe(1);
  });

  it("accepts an empty document and refuses a binary one with 415", async () => {
    const manager = await createCaller("manager");
    const empty = await importTemplate(Buffer.from(""), "Empty", manager);
    expect(empty.counts).toEqual({ phases: 0, checklistItems: 0, procedures: 0, steps: 0 });
    const before = await db().template.count();
    await expect(importTemplate(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]), "png", manager)).rejects.toMatchObject({ status: 415 });
    expect(await db().template.count()).toBe(before);
  });
});

describe("importing a runbook with nothing to tick or run (issue 18)", () => {
  it("still imports, lists every block as unplaced and warns", async () => {
    const manager = await createCaller("manager");
    const markdown = Buffer.from("---\ntitle: Pasted notes\ndescription: what the team wrote down\n---\nWe deploy on Tuesdays.\n\n- servers are in eu-west\n");
    const { template, counts, coverage, warnings, unplaced } = await importTemplate(markdown, undefined, manager);
    expect([template.name, template.description]).toEqual(["Pasted notes", "what the team wrote down"]);
    expect(counts).toEqual({ phases: 0, checklistItems: 0, procedures: 0, steps: 0 });
    expect(coverage).toEqual({ blocks: 3, placed: 0, unplaced: 3 });
    expect(warnings).toHaveLength(1);
    expect(unplaced.map((u) => u.text).join("\n")).toContain("servers are in eu-west");
    expect((await getTemplate(template.id)).coverage).toEqual(coverage);
  });
});
