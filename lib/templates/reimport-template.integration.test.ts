import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { getTemplate } from "@/lib/templates/get-template";
import { exportRunbook } from "@/lib/templates/export-runbook";
import { importTemplate } from "@/lib/templates/import-template";
import { updateTemplateItem } from "@/lib/templates/edit/template-item-edits";
import type { TReimportAnswer } from "@/lib/schemas/template-import";
import { callRoute } from "@/test/call-route";
import { createCaller, createTemplateFixture } from "@/test/factories";
import * as exportRoute from "@/app/api/templates/[id]/export.md/route";
import * as reimportRoute from "@/app/api/templates/[id]/import/route";

const fixture = fs.readFileSync(path.resolve(import.meta.dirname, "../runbook/fixtures/xcodereviewer-rollout.md"));

async function importedTemplate() {
  const manager = await createCaller("manager");
  const { template } = await importTemplate(fixture, "XCR", manager);
  return { manager, template, token: await createApiToken(manager.id, "t") };
}

describe("GET /api/templates/:id/export.md", () => {
  it("answers the template as a Markdown file that imports back as the same plan; a viewer's has no commands", async () => {
    const { manager, template, token } = await importedTemplate();
    const res = await callRoute(exportRoute.GET, `/api/templates/${template.id}/export.md`, { id: template.id }, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="xcr.md"');
    const markdown = await res.text();
    expect(markdown).toMatch(/^---\nname: "XCR"\n---\n\n# XCR\n/);
    const { template: again } = await importTemplate(Buffer.from(markdown), undefined, manager);
    const plan = (t: typeof template) => ({
      phases: t.phases.map((p) => ({ title: p.title, offsetMinutes: p.offsetMinutes, items: p.items.map(({ id: _id, ...i }) => i) })),
      procedures: t.procedures.map((p) => ({ name: p.name, kind: p.kind, steps: p.steps.map(({ id: _id, ...s }) => s) })),
    });
    expect(plan(again)).toEqual(plan(template));
    expect(again.name).toBe("XCR");

    const viewer = await createCaller("viewer");
    const viewerToken = await createApiToken(viewer.id, "v");
    const seen = await (await callRoute(exportRoute.GET, `/api/templates/${template.id}/export.md`, { id: template.id }, { token: viewerToken })).text();
    expect(markdown).toContain("kubectl");
    expect(seen).not.toContain("kubectl");
  });
});

describe("POST /api/templates/:id/import", () => {
  it("previews a changed runbook without writing, then applies it with the version, keeping an edit made in Countdown", async () => {
    const { template, token } = await importedTemplate();
    const edited = template.phases[0].items[0];
    await updateTemplateItem(template.id, edited.id, { text: `${edited.text} (checked by CI)`, version: template.version });
    const exported = await (await callRoute(exportRoute.GET, `/api/templates/${template.id}/export.md`, { id: template.id }, { token })).text();
    // The team edits the runbook they downloaded: one item changed, one added.
    const changed = exported
      .replace("- [ ] Code review completed and approved", "- [ ] Code review completed and approved by two reviewers")
      .replace("- [ ] Deployment guide reviewed", "- [ ] Deployment guide reviewed\n- [ ] Status page prepared");
    const send = (query: string) =>
      callRoute(
        reimportRoute.POST,
        `/api/templates/${template.id}/import${query}`,
        { id: template.id },
        { method: "POST", token, text: changed, contentType: "text/markdown" },
      );

    const preview = (await (await send("")).json()) as TReimportAnswer;
    expect(preview).toMatchObject({ applied: false, version: template.version + 1, basis: "last-import" });
    expect(preview.groups.flatMap((g) => g.entries.map((e) => [g.name, e.change, e.text, e.before]))).toEqual([
      ["Code Quality", "changed", "Code review completed and approved by two reviewers", "Code review completed and approved"],
      ["Documentation", "added", "Status page prepared", null],
    ]);
    expect((await getTemplate(template.id)).version).toBe(template.version + 1); // nothing written

    expect((await send(`?confirm=true&version=${template.version}`)).status).toBe(409);
    const applied = (await (await send(`?confirm=true&version=${template.version + 1}`)).json()) as TReimportAnswer;
    expect(applied).toMatchObject({ applied: true, version: template.version + 2 });
    const after = await getTemplate(template.id);
    const texts = after.phases.flatMap((p) => p.items.map((i) => i.text));
    expect(texts).toContain(`${edited.text} (checked by CI)`); // the edit made in Countdown is kept
    expect(texts).toContain("Code review completed and approved by two reviewers");
    expect(texts[texts.indexOf("Deployment guide reviewed") + 1]).toBe("Status page prepared");
    expect(after.phases[0].items[0].id).toBe(edited.id);
    expect(texts).toHaveLength(template.phases.flatMap((p) => p.items).length + 1);
    const stored = await db().template.findUniqueOrThrow({ where: { id: template.id }, select: { runbook: true } });
    expect(stored.runbook).toContain("approved by two reviewers");
  });

  it("answers bad input with 4xx, never 5xx: binary 415, too large 413, a stale or missing version", async () => {
    const { template, token } = await importedTemplate();
    const post = (init: { text?: string; body?: unknown; contentType?: string }, query = "") =>
      callRoute(reimportRoute.POST, `/api/templates/${template.id}/import${query}`, { id: template.id }, { method: "POST", token, ...init });
    expect((await post({ text: "a\u0000b", contentType: "text/markdown" })).status).toBe(415);
    expect((await post({ text: "x".repeat(1024 * 1024 + 10), contentType: "text/markdown" })).status).toBe(413);
    expect((await post({ text: "- [ ] x", contentType: "text/markdown" }, "?confirm=true")).status).toBe(422);
    expect((await post({ text: " \n", contentType: "text/markdown" })).status).toBe(422);
    expect((await post({ text: "- [ ] x", contentType: "text/markdown" }, "?version=abc")).status).toBe(400);
    const viewer = await createCaller("viewer");
    const viewerToken = await createApiToken(viewer.id, "v");
    const res = await callRoute(
      reimportRoute.POST,
      `/api/templates/${template.id}/import`,
      { id: template.id },
      { method: "POST", token: viewerToken, text: "- [ ] x" },
    );
    expect(res.status).toBe(403);
  });

  it("compares with the template itself when it keeps no runbook from an import, and applies the runbook where it differs", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const template = await createTemplateFixture();
    const markdown = exportRunbook({ ...(await getTemplate(template.id)), reminders: null }).replace("- [ ] Tell support", "- [ ] Tell support and sales");
    const send = (query: string) =>
      callRoute(
        reimportRoute.POST,
        `/api/templates/${template.id}/import${query}`,
        { id: template.id },
        { method: "POST", token, text: markdown, contentType: "text/markdown" },
      );
    const preview = (await (await send("")).json()) as TReimportAnswer;
    expect(preview).toMatchObject({ basis: "template", counts: { added: 0, removed: 0 } });
    // "Review migrations" has an owner its text does not name: the export writes it "(owner: dev)", which stays in the text
    expect(preview.groups.flatMap((g) => g.entries.map((e) => [e.change, e.text, e.before]))).toEqual([
      ["changed", "Review migrations (owner: dev) (optional)", "Review migrations"],
      ["changed", "Tell support and sales", "Tell support"],
    ]);
    expect((await send(`?confirm=true&version=${template.version}`)).status).toBe(200);
    expect((await getTemplate(template.id)).phases.flatMap((p) => p.items.map((i) => i.text))).toContain("Tell support and sales");
  });
});
