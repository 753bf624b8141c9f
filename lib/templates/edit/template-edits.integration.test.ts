import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getTemplate } from "@/lib/templates/get-template";
import { renameTemplate, updateTemplatePhase } from "@/lib/templates/edit/template-edits";
import { addTemplateItem, deleteTemplateItem, updateTemplateItem } from "@/lib/templates/edit/template-item-edits";
import { addTemplateStep, deleteTemplateStep, updateTemplateStep } from "@/lib/templates/edit/template-step-edits";
import { createTemplateFixture } from "@/test/factories";

describe("editing a template", () => {
  it("lets exactly one of two edits made from the same version win", async () => {
    const t = await getTemplate((await createTemplateFixture()).id);
    const results = await Promise.allSettled([
      renameTemplate(t.id, { name: "A", version: t.version }),
      renameTemplate(t.id, { name: "B", version: t.version }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(AppError);
    expect(rejected.reason).toMatchObject({ status: 409, details: { field: "version", current: { version: t.version + 1 } } });
    expect((await getTemplate(t.id)).version).toBe(t.version + 1);
  });

  it("edits, reorders, moves between phases and deletes items, keeping positions dense", async () => {
    let t = await getTemplate((await createTemplateFixture()).id);
    const [week, anytime] = t.phases;
    const [cut, review] = week.items;
    let v = t.version;
    ({ version: v } = await updateTemplateItem(t.id, review.id, { position: 0, required: true, ownerRole: "qa", text: "Review the migrations", version: v }));
    t = await getTemplate(t.id);
    expect(t.phases[0].items.map((i) => [i.text, i.required, i.ownerRole])).toEqual([
      ["Review the migrations", true, "qa"],
      ["Cut the branch", true, null],
    ]);

    ({ version: v } = await updateTemplateItem(t.id, cut.id, { phaseId: anytime.id, position: 0, version: v }));
    ({ version: v } = await addTemplateItem(t.id, { phaseId: week.id, text: "Freeze the branch", required: false, ownerRole: null, version: v }));
    t = await getTemplate(t.id);
    expect(t.phases.map((p) => p.items.map((i) => i.text))).toEqual([
      ["Review the migrations", "Freeze the branch"],
      ["Cut the branch", "Tell support"],
    ]);

    ({ version: v } = await deleteTemplateItem(t.id, t.phases[1].items[1].id, v));
    ({ version: v } = await updateTemplatePhase(t.id, anytime.id, { title: "Launch day", offsetMinutes: 0, version: v }));
    t = await getTemplate(t.id);
    expect(t.phases[1]).toMatchObject({ title: "Launch day", offsetMinutes: 0, items: [{ text: "Cut the branch" }] });
    expect(t.version).toBe(v);
  });

  it("changes a step's kind only into a runnable step of that kind (422 naming the field otherwise)", async () => {
    const t = await getTemplate((await createTemplateFixture()).id);
    const step = t.procedures[0].steps[0];
    await expect(
      updateTemplateStep(t.id, step.id, { kind: "http", config: { request: { method: "GET", url: "" } }, version: t.version }),
    ).rejects.toMatchObject({ status: 422 });
    const { version } = await updateTemplateStep(t.id, step.id, {
      kind: "http",
      text: "health",
      config: { request: { method: "GET", url: "http://127.0.0.1:9/health", headers: {} }, expect: { status: { anyOf: [200, 204] } } },
      version: t.version,
    });
    const added = await addTemplateStep(t.id, { procedureId: t.procedures[0].id, kind: "wait", text: "bake", config: { seconds: 30 }, version });
    const after = await getTemplate(t.id);
    expect(after.procedures[0].steps).toMatchObject([
      { kind: "http", text: "health", request: { url: "http://127.0.0.1:9/health" }, expect: { status: { anyOf: [200, 204] } } },
      { kind: "wait", text: "bake", seconds: 30 },
    ]);
    await deleteTemplateStep(t.id, added.step.id, added.version);
    expect((await getTemplate(t.id)).procedures[0].steps).toHaveLength(1);
  });
});
