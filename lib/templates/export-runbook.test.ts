import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRequired, ownerRoleOf } from "@/lib/runbook/checklist-item";
import { curlToHttp } from "@/lib/runbook/curl-to-http";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { procedureKindOf } from "@/lib/runbook/procedure-kind";
import type { TProcedureKind } from "@/lib/schemas/runbook";
import { exportFileName, exportRunbook, type ExportableTemplate } from "@/lib/templates/export-runbook";
import { comparablePlan, draftFromRunbook, type PlanStep } from "@/lib/templates/runbook-draft";

// Round trip: a template written as a runbook imports back as the same template.

const byKey = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

/** The plan as compared: thresholds as a set (the export writes the ones items do not state as a table at the end). */
function comparable(plan: Parameters<typeof comparablePlan>[0]) {
  const view = comparablePlan(plan);
  return { ...view, thresholds: [...view.thresholds].sort(byKey) };
}

function reimport(template: ExportableTemplate) {
  const markdown = exportRunbook(template);
  const parsed = parseRunbook(markdown);
  return { markdown, parsed, plan: comparable({ ...draftFromRunbook(parsed), escalation: parsed.escalation }) };
}

describe("the three example runbooks", () => {
  it.each(["ancient-compute-launch-guide.md", "auto-grader-launch-procedures.md", "xcodereviewer-rollout.md"])(
    "%s: import -> export -> import equals the first import",
    (file) => {
      const first = parseRunbook(readFileSync(`lib/runbook/fixtures/${file}`, "utf8"));
      const draft = draftFromRunbook(first);
      const again = reimport({
        name: first.title ?? file,
        description: first.description,
        ...draft,
        references: first.references,
        escalation: first.escalation,
      });
      expect(again.plan).toEqual(comparable({ ...draft, escalation: first.escalation }));
      expect(again.parsed.title ?? first.title).toBe(first.title);
      expect(draft.phases.length + draft.procedures.length).toBeGreaterThan(5);
    },
  );
});

describe("exportRunbook", () => {
  const base: ExportableTemplate = { name: "Launch", description: null, phases: [], procedures: [], thresholds: [], references: [], reminders: null };

  it("writes an owner and 'optional' set in Countdown so the import reads them back", () => {
    const template = {
      ...base,
      phases: [
        {
          title: "Prep",
          offsetMinutes: -120,
          items: [{ text: "Rotate keys", details: "- the old ones\n  - all of them", required: false, ownerRole: "Ops team" }],
        },
      ],
    };
    const { markdown, parsed } = reimport(template);
    expect(markdown).toContain("## T-2 hours\n\n### Prep\n\n- [ ] Rotate keys (owner: Ops team) (optional)");
    expect(parsed.phases[0]).toMatchObject({ title: "Prep", offsetMinutes: -120 });
    expect(parsed.phases[0].items[0]).toMatchObject({ ownerRole: "Ops team", required: false, details: "- the old ones\n  - all of them" });
  });

  it("writes the escalation ladder so the import reads the same rungs back", () => {
    const escalation = [
      { level: 2, afterMinutes: 15, action: "Page the on-call lead" },
      { level: 1, afterMinutes: 0, action: "If unresolved, post in #incidents (owner: SRE)" },
      { level: 3, afterMinutes: 90, action: "Call the CTO after checking the status page" },
    ];
    const template = {
      ...base,
      phases: [{ title: "Prep", offsetMinutes: -120, items: [{ text: "Rotate keys", details: null, required: true, ownerRole: null }] }],
      procedures: [{ name: "Rollback", kind: "rollback" as const, steps: [{ kind: "gate" as const, text: "Revert the release" }] }],
      escalation,
    };
    const { markdown, parsed, plan } = reimport(template);
    expect(markdown).toContain("## Escalation\n\n### Level 1 after 0 minutes: ");
    expect(parsed.escalation).toEqual([...escalation].sort((a, b) => a.level - b.level));
    expect(plan).toEqual(comparable({ ...template, reminders: [] }));
  });

  it("writes a dated schedule's phases as dated headings so the import gives them their dates again", () => {
    const item = (text: string) => ({ text, details: null, required: true, ownerRole: null });
    // Offsets count from the last date, the import's T-0 for a schedule without a release.
    const template = {
      ...base,
      phases: [
        { title: "2024-03-12: Code freeze", offsetMinutes: -3450, scheduledAt: "2024-03-12T00:00:00.000Z", items: [item("Freeze main")] },
        { title: "Prep", offsetMinutes: -120, items: [item("Rotate keys")] },
        { title: "Announce (2024-03-14 09:30)", offsetMinutes: 0, scheduledAt: "2024-03-14T09:30:00.000Z", items: [item("Post the notes")] },
        { title: "2024-03-13: Sign-off", offsetMinutes: -2010, scheduledAt: "2024-03-13T00:00:00.000Z", items: [item("Sign the checklist")] },
      ],
    };
    const { markdown, parsed, plan } = reimport(template);
    expect(markdown).toContain("## 2024-03-12: Code freeze\n\n- [ ] Freeze main");
    expect(parsed.phases.map((p) => p.scheduledAt ?? null)).toEqual(template.phases.map((p) => p.scheduledAt ?? null));
    expect(plan).toEqual(comparable({ ...template, reminders: [] }));
  });

  it("writes no dates when a dated phase's title does not carry its date (the offsets still come back)", () => {
    const template = {
      ...base,
      phases: [
        {
          title: "Code freeze",
          offsetMinutes: -2880,
          scheduledAt: "2024-03-12T00:00:00.000Z",
          items: [{ text: "Freeze", details: null, required: true, ownerRole: null }],
        },
      ],
    };
    const { parsed } = reimport(template);
    expect(parsed.phases[0]).toMatchObject({ title: "Code freeze", offsetMinutes: -2880 });
    expect(parsed.phases[0].scheduledAt).toBeUndefined();
  });

  it("writes staging's and production's pipelines as sections so the import binds the same procedures in order", () => {
    const gate = (text: string) => [{ kind: "gate" as const, text }];
    const template = {
      ...base,
      procedures: [
        { name: "Deploy web", kind: "deploy" as const, environment: "staging", steps: gate("Ship it to staging") },
        { name: "Check the pages", kind: "smoke" as const, environment: "staging", steps: gate("Open the home page") },
        { name: "Warm caches", kind: "custom" as const, environment: "production", steps: gate("Warm them") },
        { name: "Deploy web", kind: "deploy" as const, environment: "production", steps: gate("Ship it to production") },
        { name: "Rollback", kind: "rollback" as const, environment: null, steps: gate("Revert") },
        { name: "Tidy up", kind: "custom" as const, environment: null, steps: gate("Delete the branch") },
      ],
    };
    const { markdown, parsed, plan } = reimport(template);
    expect(markdown).toContain("## Staging\n\n### Deploy web");
    expect(markdown).toContain("## Production\n\n### Procedures\n\n#### Warm caches");
    expect(parsed.procedures.map((p) => p.environment ?? null)).toEqual(template.procedures.map((p) => p.environment));
    expect(plan).toEqual(comparable({ ...template, reminders: [] }));
  });

  it("never writes a secret value a step was given in Countdown", () => {
    const template = {
      ...base,
      procedures: [
        {
          name: "Deploy",
          kind: "deploy" as const,
          steps: [{ kind: "command" as const, text: "Ping", command: "curl -H 'Authorization: Bearer abcdef0123456789abcdef' https://x.example/deploy" }],
        },
      ],
    };
    const markdown = exportRunbook(template);
    expect(markdown).not.toContain("abcdef0123456789abcdef");
    expect(markdown).toMatch(/Authorization: Bearer .*\$\{[A-Z_]+\}/);
  });

  it("writes a watch step for reading, without header values that are not references", () => {
    const watch = {
      kind: "watch" as const,
      text: "Error rate",
      source: { type: "json", url: "https://m.example/api", path: "$.rate", headers: { Authorization: "Bearer s3cr3t-value", "X-Org": "${ORG_ID}" } },
      healthy: { op: "<", value: 1 },
    };
    const markdown = exportRunbook({ ...base, procedures: [{ name: "Verify", kind: "verify", steps: [watch] }] });
    expect(markdown).not.toContain("s3cr3t-value");
    expect(markdown).toContain('"X-Org": "${ORG_ID}"');
    expect(markdown).toContain('Step "Error rate" (watch, set up in Countdown):');
    expect(parseRunbook(markdown).procedures).toEqual([]);
  });

  it("gives a file name from the template's name", () => {
    expect(exportFileName("XCodeReviewer Deployment & Rollout!")).toBe("xcodereviewer-deployment-rollout.md");
    expect(exportFileName("***")).toBe("template.md");
  });
});

// Templates the format can say: phases with at least one item, procedures with at least one step (an empty one is
// not written as anything the import keeps), texts made of plain words and Markdown's special characters, owner and
// "optional" as the import derives them from the text, http steps as the import makes them from a curl line.
const WORDS = [
  "alpha",
  "bravo",
  "cache",
  "dashboard",
  "schema",
  "queue",
  "widget",
  "index",
  "banner",
  "mirror",
  "a*b",
  "x_y",
  "[note]",
  "`tag`",
  "50%",
  "R&D",
  "#7",
  "1.",
];
const words = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(" "));
const title = words(1, 3).map((t) => `Stage ${t}`);
const text = words(1, 5).map((t) => `Check ${t}`);
// Item texts and details keep links (headings do not: the importer reads a heading's words only).
const LINKS = ["[the run](https://ci.example/runs/a_b?x=1)", "https://status.example/page_1", "mailto:ops@example.com"];
const linked = fc.tuple(text, fc.option(fc.constantFrom(...LINKS))).map(([t, link]) => (link ? `${t} ${link}` : t));
const OFFSETS = [null, -10080, -1440, -120, -90, -30, 0, 15, 60, 2880];

const item = fc
  .record({
    text: linked,
    marker: fc.constantFrom("", " (optional)", " (owner: Ops team)"),
    details: fc.option(
      fc.array(
        fc.oneof(
          linked,
          linked.map((t) => `- ${t}`),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    ),
  })
  .map(({ text, marker, details }) => {
    const full = text + marker;
    const lines = details ? [...details.filter((l) => !l.startsWith("- ")), ...details.filter((l) => l.startsWith("- "))] : null;
    return { text: full, details: lines ? lines.join("\n") : null, required: isRequired(full), ownerRole: ownerRoleOf(full) };
  });

const COMMANDS = ["kubectl rollout status deploy/web", "npm run migrate -- --env=prod", "echo done", "./scripts/warm-cache.sh --all"];
const URLS = ["https://app.example.com/health", "https://api.example.com/v1/status?full=1"];
const step = (procedureName: string, playbook: boolean): fc.Arbitrary<PlanStep> =>
  fc.oneof(
    fc.record({ text, command: fc.constantFrom(...COMMANDS) }).map(({ text, command }) => ({ kind: "command" as const, text, command })),
    fc.constantFrom(...COMMANDS).map((command) => ({ kind: "command" as const, text: command, command })),
    fc.record({ text, seconds: fc.integer({ min: 1, max: 3600 }) }).map(({ text, seconds }) => ({ kind: "wait" as const, text, seconds })),
    text.map((text) => ({ kind: "gate" as const, text })),
    fc.record({ text, url: fc.constantFrom(...URLS), flags: fc.constantFrom("", "-f ", "-sSL ") }).map(({ text, url, flags }) => {
      const http = curlToHttp(`curl ${flags}${url}`, { description: text, expectations: [], heading: procedureName })!;
      return { kind: "http" as const, text, ...http };
    }),
    ...(playbook ? [fc.tuple(text, text).map(([a, b]) => ({ kind: "gate" as const, text: `${a}\n- ${b}` }))] : []),
  );

// Not "Stage 1. x": numbered procedure headings are the default pipeline's ("*") when imported.
const procedureTitle = fc.array(fc.constantFrom(...WORDS.filter((w) => w !== "1.")), { minLength: 1, maxLength: 3 }).map((w) => `Stage ${w.join(" ")}`);

const procedure = fc
  .record({
    name: procedureTitle,
    kind: fc.constantFrom<TProcedureKind>("deploy", "smoke", "rollback", "verify", "custom"),
    named: fc.boolean(),
    playbook: fc.boolean(),
    environment: fc.constantFrom(null, null, "staging", "production"),
  })
  .chain(({ name, kind, named, playbook, environment }) => {
    const fullName = playbook ? `${name} recovery` : named && kind !== "custom" ? `${name} ${kind}` : name;
    const resolved = procedureKindOf(fullName) ?? kind;
    const isPlaybook = playbook && resolved === "custom";
    return fc
      .array(step(fullName, isPlaybook), { minLength: 1, maxLength: 4 })
      .map((steps) => ({ name: fullName, kind: playbook ? ("custom" as const) : resolved, environment: playbook ? null : environment, steps }));
  });

/** Pipelines as the import makes them: no rollback in one, and a deploy in each. */
const withPipelines = (procedures: ExportableTemplate["procedures"]) =>
  procedures.map((p) => {
    const bound = p.kind !== "rollback" && procedures.some((q) => q.environment === p.environment && q.kind === "deploy");
    return { ...p, environment: bound ? p.environment : null };
  });

const template: fc.Arbitrary<ExportableTemplate> = fc.record({
  name: words(1, 3).map((w) => `Release ${w}`),
  description: fc.option(words(1, 6)),
  phases: fc.array(fc.record({ title, offsetMinutes: fc.constantFrom(...OFFSETS), items: fc.array(item, { minLength: 1, maxLength: 4 }) }), { maxLength: 5 }),
  procedures: fc.array(procedure, { maxLength: 4 }).map(withPipelines),
  thresholds: fc.array(
    fc
      .record({ metric: title, warning: fc.constantFrom(null, "> 1%", "above 200ms"), critical: fc.constantFrom(null, "> 5%"), action: fc.option(text) })
      .filter((t) => t.warning !== null || t.critical !== null),
    { maxLength: 3 },
  ),
  references: fc.constant([]),
  // Actions of plain words: the importer drops `*`, `_` and backticks from a rung's line.
  escalation: fc.option(
    fc.uniqueArray(
      fc.record({
        level: fc.integer({ min: 0, max: 99 }),
        afterMinutes: fc.integer({ min: 0, max: 10_080 }),
        action: fc.array(fc.constantFrom(...WORDS.slice(0, 10)), { minLength: 1, maxLength: 5 }).map((w) => `Page ${w.join(" ")}`),
      }),
      { selector: (r) => r.level, maxLength: 5 },
    ),
  ),
  reminders: fc.option(
    fc.uniqueArray(
      fc.record({
        offsetMinutes: fc.constantFrom(-2880, -1440, -60, 0, 30, 120, 1440),
        message: fc.array(text, { minLength: 1, maxLength: 3 }).map((l) => l.join("\n")),
      }),
      {
        selector: (r) => r.offsetMinutes,
        minLength: 1,
        maxLength: 5,
      },
    ),
  ),
});

describe("round trip property", () => {
  it("a generated template, exported and imported, is the same template", () => {
    fc.assert(
      fc.property(template, (t) => {
        const { plan, parsed } = reimport(t);
        const sortedReminders = [...(t.reminders ?? [])].sort((a, b) => a.offsetMinutes - b.offsetMinutes);
        expect(plan).toEqual(comparable({ ...t, reminders: sortedReminders }));
        expect(parsed.title).toBe(t.name);
        expect(parsed.description).toBe(t.description);
      }),
      { numRuns: 300 },
    );
  }, 60_000); // 300 imports: seconds on a loaded machine
});
