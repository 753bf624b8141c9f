import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZNoteSections } from "@/lib/schemas/notes";
import { getNotes } from "@/lib/notes/get-notes";
import { saveNotes } from "@/lib/notes/save-notes";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { createCaller, createReleaseFixture } from "@/test/factories";

const sections = (over: Record<string, string>) => ZNoteSections.parse(over);

describe("release notes", () => {
  it("start from the template's defaults, save under a version, and refuse a stale version with 409", async () => {
    const manager = await createCaller("manager");
    const other = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const { templateId } = await db().release.findUniqueOrThrow({ where: { id: release.id }, select: { templateId: true } });
    await db().template.update({ where: { id: templateId }, data: { notes: { rollback: "Redeploy the previous image tag." } } });

    const initial = await getNotes(release.id);
    expect(initial).toMatchObject({ version: 0, updatedAt: null });
    expect(initial.sections.rollback).toBe("Redeploy the previous image tag.");
    expect(initial.sections.features).toBe("");

    // Two editors both start from version 0: exactly one first save wins.
    const results = await Promise.allSettled([
      saveNotes(release.id, { sections: sections({ ...initial.sections, features: "- Dark mode" }), version: 0 }, manager),
      saveNotes(release.id, { sections: sections({ ...initial.sections, features: "- Light mode" }), version: 0 }, other),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).status).toBe(409);

    const saved = await getNotes(release.id);
    expect(saved.version).toBe(1);
    const next = await saveNotes(release.id, { sections: sections({ ...saved.sections, knownIssues: "Search is slow" }), version: 1 }, manager);
    expect(next.version).toBe(2);
    await expect(saveNotes(release.id, { sections: sections({}), version: 1 }, other)).rejects.toMatchObject({ status: 409 });
    expect((await getNotes(release.id)).sections.knownIssues).toBe("Search is slow");

    const events = await db().event.findMany({ where: { releaseId: release.id, type: "notes.updated" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.payload)).toEqual([
      { version: 1, changed: ["features"] },
      { version: 2, changed: ["knownIssues"] },
    ]);
    expect((await getTimeline(release.id)).notes).toMatchObject({ version: 2, sections: { knownIssues: "Search is slow" } });
  });
});
