import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { ZParsedRunbook } from "@/lib/schemas/runbook";

const items = (md: string) => parseRunbook(md).phases.flatMap((p) => p.items.map((i) => i.text));
const steps = (md: string) => parseRunbook(md).procedures.flatMap((p) => p.steps);

describe("parseRunbook: checklist items", () => {
  it("reads every task marker style, checked or not", () => {
    const result = parseRunbook("# T\n\n- [ ] a\n- [x] b\n* [ ] c\n+ [X] d\n\n1. [ ] e\n2. [x] f\n");
    expect(result.phases[0].items.map((i) => [i.text, i.checked, i.source])).toEqual([
      ["a", false, "task"],
      ["b", true, "task"],
      ["c", false, "task"],
      ["d", true, "task"],
      ["e", false, "task"],
      ["f", true, "task"],
    ]);
  });

  it("keeps nested task items at any depth, in document order", () => {
    const md = "## A\n- [ ] one\n  - [ ] two\n    - [x] three\n      * [ ] four\n- [ ] five\n";
    expect(items(md)).toEqual(["one", "two", "three", "four", "five"]);
  });

  it("strips markup but keeps inline code and emphasis as text, and links with their URL", () => {
    expect(items("- [ ] Run `npm test` on **all** [packages](https://x) _now_ <br> ~~old~~")).toEqual(["Run npm test on all [packages](https://x) now old"]);
  });

  it("keeps an item that holds a code block, and makes the block steps described by the item", () => {
    const result = parseRunbook("## Checks\n- [ ] Tests pass\n  ```bash\n  npm test\n  ```\n");
    expect(result.phases[0].items.map((i) => i.text)).toEqual(["Tests pass"]);
    expect(result.procedures[0].steps).toEqual([{ kind: "command", text: "Tests pass", command: "npm test", line: 4 }]);
  });

  it("reads an empty checkbox as an item", () => {
    expect(items("- [ ]\n  ```bash\n  ls\n  ```\n- [x]\n")).toEqual(["", ""]);
  });

  it("makes numbered steps items, unless they only lead in to shell steps", () => {
    const md = "## Deploy\n1. Announce the window\n2. **Tag**\n   ```bash\n   git tag v1\n   ```\n3. Watch dashboards\n";
    const result = parseRunbook(md);
    expect(result.phases[0].items.map((i) => [i.text, i.source])).toEqual([
      ["Announce the window", "step"],
      ["Watch dashboards", "step"],
    ]);
    expect(result.procedures[0]).toMatchObject({ kind: "deploy", steps: [{ kind: "command", text: "Tag", command: "git tag v1" }] });
  });

  it("keeps a numbered step with a yaml block as an item and the yaml as a code reference", () => {
    const result = parseRunbook("1. Apply config\n   ```yaml\n   a: 1\n   ```\n");
    expect(result.phases[0].items.map((i) => i.text)).toEqual(["Apply config"]);
    expect(result.unplaced).toEqual([]);
    expect(result.references).toEqual([{ title: "General", line: 2, header: [], rows: [], kind: "code", text: "a: 1", lang: "yaml" }]);
  });

  it("keeps a numbered table of contents as unplaced, not as items", () => {
    const result = parseRunbook("# Doc\n## Contents\n1. [Setup](#setup)\n2. [Deploy](#deploy)\n");
    expect(result.counts.checklistItems).toBe(0);
    expect(result.unplaced[0]).toMatchObject({ line: 3, text: "Setup\nDeploy" });
  });

  it("keeps an item's plain sub-bullets as its details, and nested tasks as items of their own", () => {
    const result = parseRunbook(
      "- [ ] API docs complete\n  - All endpoints\n    - even internal ones\n  - Error codes\n  - [ ] Review by tech writer\n- [ ] No details\n",
    );
    expect(result.phases[0].items.map((i) => [i.text, i.details])).toEqual([
      ["API docs complete", "- All endpoints\n  - even internal ones\n- Error codes"],
      ["Review by tech writer", undefined],
      ["No details", undefined],
    ]);
  });

  it("infers owner roles and optional items", () => {
    const result = parseRunbook("- [ ] Backup DB (Owner: DBA)\n- [ ] **QA**: run regression\n- [ ] Tweet it (optional)\n- [ ] **API Latency**: P95 < 500ms\n");
    expect(result.phases[0].items.map((i) => [i.ownerRole, i.required])).toEqual([
      ["DBA", true],
      ["QA", true],
      [null, false],
      [null, true],
    ]);
  });
});

describe("parseRunbook: phases", () => {
  it("puts items before any heading in a phase named after the title, else General", () => {
    expect(parseRunbook("- [ ] early\n\n# Launch Plan\n").phases[0].title).toBe("Launch Plan");
    expect(parseRunbook("- [ ] a\n- [ ] b").phases).toMatchObject([{ title: "General", offsetMinutes: null, items: [{ text: "a" }, { text: "b" }] }]);
  });

  it("gives each heading with items a phase with its offset, inherited by sub-headings", () => {
    const md = "# Plan\n## Prep (T-2 Days)\n### Code\n- [ ] a\n## Go (T-0)\n- [ ] b\n## Notes\n- [ ] c\n";
    expect(parseRunbook(md).phases.map((p) => [p.title, p.offsetMinutes, p.line])).toEqual([
      ["Code", -2880, 3],
      ["Go (T-0)", 0, 5],
      ["Notes", null, 7],
    ]);
  });

  it("names a heading without text", () => {
    expect(parseRunbook("##\n- [ ] a\n").phases[0].title).toBe("Untitled section");
  });

  it("handles a document without headings, one that is only a table, and an empty one", () => {
    expect(parseRunbook("just text\n\n- [ ] a").counts).toEqual({ phases: 1, checklistItems: 1, procedures: 0, steps: 0 });
    const table = parseRunbook("| Metric | Warning | Critical | Action |\n|---|---|---|---|\n| Errors | 1% | 5% | Roll back |\n");
    expect(table.thresholds).toEqual([{ metric: "Errors", warning: "1%", critical: "5%", action: "Roll back", line: 1, source: "table", rule: null }]);
    expect(parseRunbook("- [ ] x\n\n| a | b |\n|---|---|\n| 1 | 2 |").references).toEqual([
      { title: "General", line: 3, header: ["a", "b"], rows: [["1", "2"]] },
    ]);
    expect(ZParsedRunbook.parse(parseRunbook(""))).toMatchObject({ title: null, phases: [], procedures: [] });
  });
});

describe("parseRunbook: procedures", () => {
  it("names procedures by kind and inherits the kind of a parent heading", () => {
    const md = "## Rollback Procedures\n### Database\n```bash\npg_restore x\n```\n## Smoke Tests\n```sh\n./smoke.sh\n```\n## Misc\n```bash\nls\n```\n";
    expect(parseRunbook(md).procedures.map((p) => [p.name, p.kind])).toEqual([
      ["Database", "rollback"],
      ["Smoke Tests", "smoke"],
      ["Misc", "custom"],
    ]);
  });

  it("does not take the kind from the document title", () => {
    expect(parseRunbook("# Deployment Guide\n## Setup\n```bash\nls\n```\n").procedures[0].kind).toBe("custom");
  });

  it("splits alternatives under bold pseudo-headings that name a kind", () => {
    const md = "## Rollback\n**Kubernetes Rollback**\n```bash\nkubectl rollout undo d/x\n```\n**Compose Rollback**\n```bash\ndocker-compose down\n```\n";
    expect(parseRunbook(md).procedures.map((p) => [p.name, p.steps.length])).toEqual([
      ["Kubernetes Rollback", 1],
      ["Compose Rollback", 1],
    ]);
  });

  it("reads untagged shell blocks as steps and untagged prose blocks as references of their section", () => {
    const result = parseRunbook("## Deploy\n```\nkubectl apply -f k8s/\n```\n```\nDear customers, we are down.\n```\n");
    expect(result.counts.steps).toBe(1);
    expect(result.references.map((r) => [r.title, r.kind, r.lang, r.text])).toEqual([["Deploy", "code", "text", "Dear customers, we are down."]]);
  });

  it("gives steps their line in the document", () => {
    expect(steps("# T\n\n```bash\n# one\nls\n\npwd\n```\n").map((s) => s.line)).toEqual([5, 7]);
  });
});

describe("parseRunbook: odd Markdown", () => {
  it("reads Windows line endings and tabs", () => {
    const result = parseRunbook("## Prep (T-1 Hour)\r\n- [ ] a\r\n\t- [ ] b\r\n```bash\r\nls \\\r\n  -la\r\n```\r\n");
    expect(result.phases[0].items.map((i) => i.text)).toEqual(["a", "b"]);
    expect(result.phases[0].offsetMinutes).toBe(-60);
    expect(result.procedures[0].steps[0]).toMatchObject({ command: "ls \\\n  -la" });
  });

  it("ignores front matter, HTML comments and Liquid tags", () => {
    const md = "---\ntitle: x\n---\n<!-- - [ ] hidden -->\n{% raw %}\n# Plan\n- [ ] a {{ version }}\n{% endraw %}\n";
    const result = parseRunbook(md);
    expect(result.title).toBe("x"); // the front matter's title names the template (issue 18)
    expect(items(md)).toEqual(["a {{ version }} {% endraw %}"]);
  });

  it("reads a leading --- rule without a closing one as a rule, not as front matter", () => {
    expect(items("---\n\n- [ ] kept")).toEqual(["kept"]);
    expect(items("---\n# Title\n- [ ] kept\n---\n")).toEqual(["kept"]);
    expect(items("+++\ntitle = 'x'\n+++\n- [ ] kept")).toEqual(["kept"]);
  });

  it("finds items inside <details> blocks", () => {
    expect(items("<details>\n<summary>More</summary>\n- [ ] inside\n</details>\n\n<details>\n\n- [ ] spaced\n\n</details>")).toEqual(["inside", "spaced"]);
  });

  it("gives items inside HTML their document line", () => {
    expect(parseRunbook("# T\n\n<div>\n- [ ] x\n</div>").phases[0].items[0].line).toBe(4);
  });

  it("repairs mojibake without touching correct text", () => {
    expect(items("- [ ] café âœ… naïve ✅ â‰¥ 日本")).toEqual(["café ✅ naïve ✅ ≥ 日本"]);
  });

  it("handles a byte-order mark", () => {
    expect(parseRunbook("\uFEFF# Title\n").title).toBe("Title");
  });
});

describe("parseRunbook: size", () => {
  it("parses a ~1 MB runbook with correct line numbers", () => {
    const section = (i: number) => `## Section ${i} (T-${i} Days)\n\n- [ ] item ${i}\n\n\`\`\`bash\n# step\ncurl -f https://x/${i}\n\`\`\`\n\n`;
    let md = "# Big\n\n";
    let count = 0;
    while (md.length < 1_000_000) md += section(count++);
    const result = parseRunbook(md);
    expect(result.counts.checklistItems).toBe(count);
    expect(result.counts.steps).toBe(count);
    const last = result.phases[count - 1];
    expect(last.items[0]).toMatchObject({ text: `item ${count - 1}`, line: md.split("\n").indexOf(`- [ ] item ${count - 1}`) + 1 });
  }, 60_000);
});

describe("parseRunbook: plain lists, loose items and links (issue 18)", () => {
  it("makes plain bullets and numbered lists under a phase-like heading that phase's manual items, sub-bullets as details", () => {
    const md = "# Doc\n## Before release (T-1 Day)\n- Announce the freeze\n  - in #eng\n- Tag the build\n## Release Steps\n1. Press deploy\n";
    const result = parseRunbook(md);
    expect(result.phases.map((p) => [p.title, p.offsetMinutes, p.items.map((i) => [i.text, i.details, i.source])])).toEqual([
      [
        "Before release (T-1 Day)",
        -1440,
        [
          ["Announce the freeze", "- in #eng", "bullet"],
          ["Tag the build", undefined, "bullet"],
        ],
      ],
      ["Release Steps", null, [["Press deploy", undefined, "step"]]],
    ]);
  });

  it("keeps plain bullets of a descriptive section as a note of that section, not as items", () => {
    const result = parseRunbook("## Tasks\n- [ ] x\n## Server Requirements\n- 4 CPU\n- 16 GB RAM\n  - ECC\n");
    expect(result.phases.map((p) => p.title)).toEqual(["Tasks"]);
    expect(result.references).toEqual([{ title: "Server Requirements", line: 4, header: [], rows: [], kind: "note", text: "- 4 CPU\n- 16 GB RAM\n  - ECC" }]);
  });

  it("keeps rollback triggers as notes (and thresholds), never items", () => {
    const result = parseRunbook(
      "## Rollback Triggers\n- >10% error rate sustained\n- Data corruption detected\n## Rollback\n```bash\nkubectl rollout undo d/x\n```\n",
    );
    expect(result.phases).toEqual([]);
    expect(result.references[0]).toMatchObject({ kind: "note", title: "Rollback Triggers" });
  });

  it("makes a list that is only links a links reference", () => {
    const result = parseRunbook("## Checklist\n- [Dashboard](https://grafana.example/d/1)\n- [Runbook](https://wiki.example/rb)\n* [ ] Tag\n");
    expect(result.phases[0].items.map((i) => i.text)).toEqual(["Tag"]);
    expect(result.references[0]).toMatchObject({
      kind: "links",
      rows: [
        ["Dashboard", "https://grafana.example/d/1"],
        ["Runbook", "https://wiki.example/rb"],
      ],
    });
  });

  it("makes contact lists a contacts reference", () => {
    const result = parseRunbook("## Emergency Contacts\n### Technical Team\n- **Lead**: Ana - 555\n- **DBA**: Bo - 556\n* [ ] Call the lead\n");
    expect(result.references[0]).toMatchObject({ kind: "contacts", title: "Technical Team", rows: [["Lead: Ana - 555"], ["DBA: Bo - 556"]] });
  });

  it("reads a loose item: the first paragraph is its text, the rest its details", () => {
    const md = "## Launch checklist\n- [ ] Confirm the [installer test](https://ci.example/job/1) is passing\n\n  It runs nightly.\n\n  Ask QA if red.\n";
    expect(parseRunbook(md).phases[0].items[0]).toMatchObject({
      text: "Confirm the [installer test](https://ci.example/job/1) is passing",
      details: "It runs nightly.\nAsk QA if red.",
    });
  });

  it("keeps bare URLs and autolinks as the URL, and links in details", () => {
    const md = "## Tasks\n- Check https://status.example.com\n- Mail <ops@example.com>\n  - see [the wiki](https://wiki.example/x)\n";
    expect(parseRunbook(md).phases[0].items.map((i) => [i.text, i.details])).toEqual([
      ["Check https://status.example.com", undefined],
      ["Mail mailto:ops@example.com", "- see [the wiki](https://wiki.example/x)"],
    ]);
  });
});

describe("parseRunbook: front matter (issue 18)", () => {
  it("takes the template's name and description from YAML front matter", () => {
    const result = parseRunbook('---\ntitle: "Release 4.2 cycle"\ndescription: Dates and owners of the 4.2 release\nlayout: page\n---\n# Schedule\n- [ ] a\n');
    expect([result.title, result.description]).toEqual(["Release 4.2 cycle", "Dates and owners of the 4.2 release"]);
  });

  it("falls back to the first heading, and to no description", () => {
    expect([parseRunbook("---\nlayout: x\n---\n# Plan\n").title, parseRunbook("# Plan\n").description]).toEqual(["Plan", null]);
    expect(parseRunbook("+++\nname = 'Toml plan'\nsummary = 'short'\n+++\n").description).toBe("short");
  });
});

describe("parseRunbook: communication plan (issue 18)", () => {
  it("makes the communication plan's timed bullets the template's reminders, not checklist items", () => {
    const md =
      "# Launch\n## Communication Plan\n### Pre-Launch (T-24 Hours)\n- Send notification to all administrators\n- Post maintenance notice\n### Post-Launch (T+2 Hours)\n- Send completion notification\n## Prep (T-1 Day)\n- [ ] Tag\n";
    const result = parseRunbook(md);
    expect(result.reminders).toEqual([
      { offsetMinutes: -1440, message: "Send notification to all administrators\nPost maintenance notice", line: 4 },
      { offsetMinutes: 120, message: "Send completion notification", line: 7 },
    ]);
    expect(result.phases.map((p) => p.title)).toEqual(["Prep (T-1 Day)"]);
  });

  it("leaves tasks and untimed bullets of a communication section alone", () => {
    const result = parseRunbook("## Communication Plan (T-1 Day)\n- [ ] Draft the announcement\n## Communication Channels\n- Slack #releases\n");
    expect(result.reminders).toEqual([]);
    expect(result.phases[0].items.map((i) => i.text)).toEqual(["Draft the announcement"]);
  });
});
