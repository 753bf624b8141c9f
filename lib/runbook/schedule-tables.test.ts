import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { datedHeading, findDate, isReleaseMilestone, scheduleColumns, scheduleOffsets } from "@/lib/runbook/schedule-dates";

// Schedule tables and dated headings (issue 18): rows of a dated schedule become phases with due times.

const DAY = 1440;
const phases = (md: string) => parseRunbook(md).phases.map((p) => [p.title, p.offsetMinutes, p.scheduledAt ?? null]);

describe("a release-cycle page with a dated schedule table after front matter", () => {
  const page = `---
title: Release cycle 4.2
description: How we ship 4.2
---

| Date | Milestone | Owner |
| --- | --- | --- |
| 2024-03-01 | Feature freeze | Eng leads |
| 2024-03-08 | Release candidate 1 | Release team |
| 2024-03-12 | Code freeze | |
| 2024-03-15 14:00 | Final build | Release team |
`;

  it("imports the rows as phases that keep their dates, counted back from the last one", () => {
    const r = parseRunbook(page);
    expect(r.title).toBe("Release cycle 4.2");
    expect(r.warnings).toEqual([]);
    expect(r.counts.phases).toBe(4);
    expect(phases(page)).toEqual([
      ["Feature freeze", -14 * DAY - 14 * 60, "2024-03-01T00:00:00.000Z"],
      ["Release candidate 1", -7 * DAY - 14 * 60, "2024-03-08T00:00:00.000Z"],
      ["Code freeze", -3 * DAY - 14 * 60, "2024-03-12T00:00:00.000Z"],
      ["Final build", 0, "2024-03-15T14:00:00.000Z"],
    ]);
  });

  it("keeps the row's other cells as the milestone item's details, and places the table", () => {
    const r = parseRunbook(page);
    expect(r.phases[0].items).toMatchObject([{ text: "Feature freeze", details: "Date: 2024-03-01\nOwner: Eng leads", required: false }]);
    expect(r.phases[2].items[0].details).toBe("Date: 2024-03-12");
    expect(r.coverage).toEqual({ blocks: 2, placed: 2, unplaced: 0 });
    expect(r.references).toEqual([]);
  });
});

describe("a schedule with the release row", () => {
  it("counts the other rows from the release (GA, T-0, Launch) and keeps no dates", () => {
    const md = `# 5.0\n\n| When | Event |\n|---|---|\n| March 1, 2025 | Branch cut |\n| 2025-03-10 | GA |\n| 12 Mar 2025 | Retrospective |\n`;
    expect(phases(md)).toEqual([
      ["Branch cut", -9 * DAY, null],
      ["GA", 0, null],
      ["Retrospective", 2 * DAY, null],
    ]);
  });

  it("reads weekday columns relative to the release day", () => {
    const md = `## Release week\n\n| Day | Activity |\n|---|---|\n| Monday | Code freeze |\n| Wednesday | Launch |\n| Friday | Retro |\n`;
    expect(phases(md)).toEqual([
      ["Code freeze", -2 * DAY, null],
      ["Launch", 0, null],
      ["Retro", 2 * DAY, null],
    ]);
  });

  it("leaves a table without a date column a table", () => {
    const r = parseRunbook(`## Owners\n\n| Area | Owner |\n|---|---|\n| DB | Ana |\n\n## Tasks\n- [ ] one\n`);
    expect(r.references.map((x) => x.title)).toEqual(["Owners"]);
    expect(r.phases.map((p) => p.title)).toEqual(["Tasks"]);
  });
});

describe("dated and weekday headings", () => {
  it("makes each dated heading a phase, its items under it, the dates kept", () => {
    const md = `# Cycle\n\n## 2024-03-12: Code freeze\n- [ ] Tag the branch\n\n## 2024-03-14: Release candidate\nBuild it.\n\n## Sign-off (2024-03-19)\n- [ ] Publish\n`;
    const r = parseRunbook(md);
    expect(phases(md)).toEqual([
      ["2024-03-12: Code freeze", -7 * DAY, "2024-03-12T00:00:00.000Z"],
      ["2024-03-14: Release candidate", -5 * DAY, "2024-03-14T00:00:00.000Z"],
      ["Sign-off (2024-03-19)", 0, "2024-03-19T00:00:00.000Z"],
    ]);
    expect(r.phases[0].items.map((i) => i.text)).toEqual(["Tag the branch"]);
  });

  it("counts dated headings from the one that is the release, keeping no dates", () => {
    const md = `## 2024-03-12: Code freeze\n- [ ] Tag\n\n## 2024-03-19: Release\n- [ ] Publish\n`;
    expect(phases(md)).toEqual([
      ["2024-03-12: Code freeze", -7 * DAY, null],
      ["2024-03-19: Release", 0, null],
    ]);
  });

  it("counts weekday headings from the release day named, into the next week when the days wrap", () => {
    const md = `# Release week\n\n## Thursday: prep\n- [ ] Draft notes\n\n## Monday: code freeze\n- [ ] Freeze\n\n## Wednesday (release)\n- [ ] Ship it\n\n## Friday: retro\n- Retro meeting\n`;
    expect(phases(md).map(([t, o]) => [t, o])).toEqual([
      ["Thursday: prep", -6 * DAY],
      ["Monday: code freeze", -2 * DAY],
      ["Wednesday (release)", 0],
      ["Friday: retro", 2 * DAY],
    ]);
  });

  it("gives a weekday heading's sub-sections the same day", () => {
    const md = `## Monday: freeze\n### Tasks\n- [ ] Freeze\n### Checks\n- [ ] Check\n## Tuesday (release)\n- [ ] Ship\n`;
    expect(phases(md).map(([t, o]) => [t, o])).toEqual([
      ["Monday: freeze", -DAY],
      ["Tasks", -DAY],
      ["Checks", -DAY],
      ["Tuesday (release)", 0],
    ]);
  });

  it("a T-time in the heading wins over its weekday", () => {
    expect(phases(`## Monday (T-3d)\n- [ ] a\n`)).toEqual([["Monday (T-3d)", -3 * DAY, null]]);
  });
});

describe("schedule pieces", () => {
  it("reads ISO dates, date-times and written dates, and refuses impossible ones", () => {
    expect(findDate("2024-02-29")?.ms).toBe(Date.UTC(2024, 1, 29));
    expect(findDate("2024-02-30")).toBeNull();
    expect(findDate("2024-03-15T09:30Z")?.ms).toBe(Date.UTC(2024, 2, 15, 9, 30));
    expect(findDate("Sept 3rd, 2024 at 2:15 pm")?.ms).toBe(Date.UTC(2024, 8, 3, 14, 15));
    expect(findDate("version 2024")).toBeNull();
  });

  it("takes a date that opens or closes a heading only", () => {
    expect(datedHeading("2024-03-12 - Code freeze")?.milestone).toBe("Code freeze");
    expect(datedHeading("Changes since 2024-03-12 in v2")).toBeNull();
    expect(datedHeading("Monday morning standup notes")).toBeNull();
    expect(datedHeading("Monthly review")).toBeNull();
  });

  it("knows a release row from a release candidate", () => {
    expect(["Release", "GA", "T-0", "Launch", "Go-live"].map(isReleaseMilestone)).toEqual([true, true, true, true, true]);
    expect(["Release candidate 1", "Release notes draft", "Code freeze"].map(isReleaseMilestone)).toEqual([false, false, false]);
  });

  it("finds the date and milestone columns by header or by content", () => {
    expect(scheduleColumns(["Milestone", "Target date"], [["Freeze", "2024-01-02"]])).toEqual({ date: 1, milestone: 0 });
    expect(
      scheduleColumns(
        ["A", "B"],
        [
          ["2024-01-02", "x"],
          ["2024-01-03", "y"],
        ],
      ),
    ).toEqual({ date: 0, milestone: 1 });
    expect(scheduleColumns(["A", "B"], [["x", "y"]])).toBeNull();
  });

  it("anchors on the release entry when there is one", () => {
    const d = (iso: string) => ({ date: Date.parse(iso) });
    expect(
      scheduleOffsets([
        { when: d("2024-01-01"), release: false },
        { when: d("2024-01-03"), release: true },
        { when: d("2024-01-04"), release: false },
      ]),
    ).toEqual({
      offsets: [-2 * DAY, 0, DAY],
      keepDates: false,
    });
  });
});
