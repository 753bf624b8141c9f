import { isContingencyHeading } from "@/lib/runbook/contingency";
import { datedHeading, isReleaseMilestone } from "@/lib/runbook/schedule-dates";
import { environmentOfHeadings } from "@/lib/runbook/pipelines";
import { procedureKindOf } from "@/lib/runbook/procedure-kind";
import { listThreshold } from "@/lib/runbook/threshold-rules";
import { parseTimePhrase, resolveOffset, type TimePhrase } from "@/lib/runbook/time-phrase";
import { replaceRunbookCredentials } from "@/lib/runbook/runbook-credentials";
import { NOTE_SECTIONS, type TNoteSections } from "@/lib/schemas/notes";
import type { TEscalationLevel, TProcedureKind } from "@/lib/schemas/runbook";
import { cell, detailsLines, escapeHeading, escapeInline, escapeLineStart, fenced, itemLine, namesATime, timePhrase } from "@/lib/templates/runbook-markdown";

// A template written as a runbook that the importer (lib/runbook/parse-runbook.ts) reads back as the same template:
// - phases are `##` headings (a dated one, "2024-03-12: Code freeze", is its own dated heading, see datedPhases); a phase whose title names no time sits under a `## T-2 hours` heading of its own
//   (consecutive phases of one time share it), its items are `- [ ]` tasks with details as paragraphs and sub-bullets;
// - procedures sit under a heading that names their kind ("## Smoke tests") unless their own name does; runnable steps
//   are bash blocks (`# text` above each command, `sleep N` for waits, curl lines for http steps), manual steps are
//   comment-only blocks, or bullets in a playbook (a contingency section) when they have details;
// - a procedure bound to staging's or production's pipeline sits under `## Staging` / `## Production` (the import
//   binds a section's procedures in order); the default pipeline's ("*") are numbered headings already;
// - the communication plan is bullets under `## Communication plan` / `### T-24 hours`, thresholds a table;
// - the escalation ladder is `## Escalation` with a `### Level 2 after 15 minutes: page the lead` heading per rung
//   (headings: bullets there would be playbook steps);
// - what is only read (references, release-notes defaults, watch and canary steps) comes last, fenced or as prose
//   under headings that make no items or steps.
// What the format cannot say is listed in docs/import.md (round trip).

type Step = { kind: string; text: string } & Record<string, unknown>;
export type ExportableTemplate = {
  name: string;
  description: string | null;
  phases: {
    title: string;
    offsetMinutes: number | null;
    /** The date a dated schedule gave it (ISO). */
    scheduledAt?: string | null;
    items: { text: string; details: string | null; required: boolean; ownerRole: string | null }[];
  }[];
  /** `environment`: the deploy pipeline it is bound to ("staging", "production", "*": the default one). */
  procedures: { name: string; kind: TProcedureKind; environment?: string | null; steps: Step[] }[];
  thresholds: unknown;
  references: unknown;
  reminders?: { offsetMinutes: number; message: string }[] | null;
  notes?: TNoteSections;
  escalation?: TEscalationLevel[] | null;
};

const KIND_HEADINGS: Record<TProcedureKind, string> = {
  deploy: "Deployment",
  smoke: "Smoke tests",
  verify: "Verification",
  rollback: "Rollback",
  custom: "Procedures",
};

function frontMatter(name: string, description: string | null): string[] {
  const value = (s: string) => `"${s.replace(/\s+/g, " ").trim()}"`;
  return ["---", `name: ${value(name)}`, ...(description?.trim() ? [`description: ${value(description)}`] : []), "---", ""];
}

function itemLines(item: ExportableTemplate["phases"][number]["items"][number]): string[] {
  return [`- [ ] ${itemLine(item.text, item.required, item.ownerRole)}`, ...detailsLines(item.details, "  ")];
}

/**
 * The heading above a phase whose title does not name its time: "T-2 hours", or for a title that counts days or
 * weeks ("Day 3") the week or month it counts in ("Week 2"), as the importer nests them.
 */
function timeHeading(offset: number, own: TimePhrase | null): string {
  const candidates = [timePhrase(offset)];
  if (own && own.calendar !== "relative") {
    for (const [unit, word] of [
      [7 * 1440, "Week"],
      [30 * 1440, "Month"],
    ] as const) {
      const n = (offset - own.withinMinutes) / unit;
      if (Number.isInteger(n) && n >= 0) candidates.unshift(`${word} ${n + 1}`);
    }
  }
  return candidates.find((c) => resolveOffset([parseTimePhrase(c), own]) === offset) ?? candidates.at(-1)!;
}

/**
 * The phases written as dated headings ("## 2024-03-12: Code freeze"), so the import gives them their date again: the
 * dated phases, when each one's title carries its date (as an imported dated heading does) and is no release, and
 * each offset is its date's distance to the last date (the import's T-0 for such a schedule). Else none of them
 * (their dates are not written; the offsets are, as T-phrases).
 */
function datedPhases(phases: ExportableTemplate["phases"]): Set<ExportableTemplate["phases"][number]> {
  const dated = phases.filter((p) => p.scheduledAt);
  if (dated.length === 0) return new Set();
  const last = Math.max(...dated.map((p) => Date.parse(p.scheduledAt!)));
  const fits = dated.every((p) => {
    const heading = parseTimePhrase(p.title) === null ? datedHeading(p.title) : null;
    return (
      heading !== null &&
      "date" in heading.when &&
      heading.when.date === Date.parse(p.scheduledAt!) &&
      !isReleaseMilestone(heading.milestone) &&
      p.offsetMinutes === Math.round((heading.when.date - last) / 60_000)
    );
  });
  return new Set(fits ? dated : []);
}

function phaseLines(phases: ExportableTemplate["phases"]): string[] {
  const out: string[] = [];
  let wrapper: string | undefined;
  const dated = datedPhases(phases);
  for (const phase of phases) {
    const own = parseTimePhrase(phase.title);
    const title = escapeHeading(phase.title);
    if (dated.has(phase) || phase.offsetMinutes === null || (own && resolveOffset([own]) === phase.offsetMinutes)) {
      out.push(`## ${title}`, "");
      wrapper = undefined;
    } else {
      const heading = timeHeading(phase.offsetMinutes, own);
      if (wrapper !== heading) out.push(`## ${heading}`, "");
      wrapper = heading;
      out.push(`### ${title}`, "");
    }
    for (const item of phase.items) out.push(...itemLines(item));
    out.push("");
  }
  return out;
}

function commandLines(step: Step): string[] {
  const command = typeof step.command === "string" ? step.command : "";
  const firstLine = command.split("\n")[0].replace(/\\$/, "").trim();
  const comment = step.text && step.text !== firstLine ? step.text.split("\n").map((l) => `# ${l}`) : [];
  return [...comment, command];
}

function httpCommand(step: Step): string {
  if (typeof step.command === "string" && step.command.includes("curl")) return step.command;
  const request = (step.request ?? {}) as { method?: string; url?: string; headers?: Record<string, string>; body?: string; followRedirects?: boolean };
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ["curl", "-sS"];
  if (request.followRedirects) parts.push("-L");
  if (request.method && request.method !== "GET") parts.push("-X", request.method);
  for (const [name, value] of Object.entries(request.headers ?? {})) parts.push("-H", quote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push("--data", quote(request.body));
  parts.push(quote(request.url ?? ""));
  return parts.join(" ");
}

/** One step as the lines of a bash block, or null when it is read-only (watch, canary). */
function stepBlock(step: Step): string[] | null {
  switch (step.kind) {
    case "command":
      return commandLines(step);
    case "http":
      return [...step.text.split("\n").map((l) => `# ${l}`), httpCommand(step)];
    case "wait":
      return [`# ${step.text}`, `sleep ${Number(step.seconds ?? 0)}`];
    case "gate":
      return step.text.split("\n").map((l) => `# ${l}`);
    default:
      return null;
  }
}

/** Header values of a watch's source that are not `${NAME}` references: hidden, the JSON is not scanned for them. */
function withoutHeaderValues(config: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(config, (key, value: unknown) =>
      key === "headers" && value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([name, v]) => [name, typeof v === "string" && /^\$\{[A-Za-z0-9_]+\}$/.test(v) ? v : "(hidden)"]))
        : value,
    ),
  ) as Record<string, unknown>;
}

function readOnlyStep(step: Step): string[] {
  const { kind, text, id: _id, ...config } = step;
  return [`Step "${escapeInline(text)}" (${kind}, set up in Countdown):`, "", fenced("json", JSON.stringify(withoutHeaderValues(config), null, 2)), ""];
}

/**
 * A manual step with details, in a playbook (a contingency section), is written as a bullet: a comment would lose
 * its lines. Only where the importer gives such a playbook this procedure's kind (a rollback names it, else custom).
 */
function bulletStep(procedure: ExportableTemplate["procedures"][number], step: Step): boolean {
  if (step.kind !== "gate" || !step.text.includes("\n") || !isContingencyHeading(procedure.name)) return false;
  const own = procedureKindOf(procedure.name);
  return procedure.kind === "custom" ? own === null : own === "rollback" && procedure.kind === "rollback";
}

const ENVIRONMENT_HEADINGS: Record<string, string> = { staging: "Staging", production: "Production" };

/**
 * The procedures written under an environment's section, and which: those bound to staging or production that the
 * import binds again there (no rollback, no name naming another environment, a deploy among them).
 */
function pipelineSections(procedures: ExportableTemplate["procedures"]): Map<ExportableTemplate["procedures"][number], string> {
  const sections = new Map<ExportableTemplate["procedures"][number], string>();
  for (const environment of Object.keys(ENVIRONMENT_HEADINGS)) {
    const bound = procedures.filter(
      (p) => p.environment === environment && p.kind !== "rollback" && (environmentOfHeadings([p.name]) ?? environment) === environment,
    );
    if (bound.some((p) => p.kind === "deploy")) for (const p of bound) sections.set(p, environment);
  }
  return sections;
}

function procedureLines(procedures: ExportableTemplate["procedures"]): string[] {
  const out: string[] = [];
  let wrapper: TProcedureKind | null = null;
  let section: string | null = null;
  const sections = pipelineSections(procedures);
  for (const procedure of procedures) {
    const environment = sections.get(procedure) ?? null;
    if (environment !== section) {
      if (environment) out.push(`## ${ENVIRONMENT_HEADINGS[environment]}`, "");
      section = environment;
      wrapper = null;
    }
    const h = environment ? "#" : "";
    const own = procedureKindOf(procedure.name);
    if (own !== (procedure.kind === "custom" ? null : procedure.kind) || own === null) {
      if (wrapper !== procedure.kind) out.push(`${h}## ${KIND_HEADINGS[procedure.kind]}`, "");
      wrapper = procedure.kind;
      out.push(`${h}### ${escapeHeading(procedure.name)}`, "");
    } else {
      out.push(`${h}## ${escapeHeading(procedure.name)}`, "");
      wrapper = null;
    }
    for (const step of procedure.steps) {
      if (bulletStep(procedure, step)) {
        const [first, ...rest] = step.text.split("\n");
        out.push(`- ${escapeLineStart(first)}`, ...detailsLines(rest.join("\n"), "  "), "");
        continue;
      }
      const block = stepBlock(step);
      out.push(...(block ? [fenced("bash", block.join("\n")), ""] : readOnlyStep(step)));
    }
  }
  return out;
}

function reminderLines(reminders: ExportableTemplate["reminders"]): string[] {
  if (!reminders || reminders.length === 0) return [];
  const out = ["## Communication plan", ""];
  for (const reminder of [...reminders].sort((a, b) => a.offsetMinutes - b.offsetMinutes)) {
    out.push(`### ${timePhrase(reminder.offsetMinutes)}`, "");
    for (const line of reminder.message.split("\n")) if (line.trim() !== "") out.push(`- ${escapeLineStart(line.trim())}`);
    out.push("");
  }
  return out;
}

type Threshold = { metric?: string; warning?: string | null; critical?: string | null; action?: string | null };

const thresholdKey = (t: Threshold) => JSON.stringify([t.metric, t.warning ?? null, t.critical ?? null, t.action ?? null]);

/** Thresholds the importer reads again from the written items and reminders ("Error rate < 1%"): not in the table. */
function thresholdsInBullets(template: ExportableTemplate): string[] {
  const found: (Threshold | null)[] = [];
  for (const phase of template.phases) for (const item of phase.items) found.push(listThreshold(item.text, phase.title, 1));
  for (const reminder of template.reminders ?? []) {
    for (const line of reminder.message.split("\n")) found.push(listThreshold(line.trim(), timePhrase(reminder.offsetMinutes), 1));
  }
  for (const procedure of template.procedures) {
    for (const step of procedure.steps) if (bulletStep(procedure, step)) found.push(listThreshold(step.text.split("\n")[0], procedure.name, 1));
  }
  return found.filter((t): t is Threshold => t !== null).map(thresholdKey);
}

function thresholdLines(template: ExportableTemplate): string[] {
  const again = thresholdsInBullets(template);
  const all = (Array.isArray(template.thresholds) ? (template.thresholds as Threshold[]) : []).filter((t) => t.metric);
  const rows = all.filter((t) => {
    const i = again.indexOf(thresholdKey(t));
    if (i >= 0) again.splice(i, 1);
    return i < 0;
  });
  if (rows.length === 0) return [];
  return [
    "## Thresholds",
    "",
    "| Metric | Warning | Critical | Action |",
    "| --- | --- | --- | --- |",
    ...rows.map((t) => `| ${cell(t.metric)} | ${cell(t.warning)} | ${cell(t.critical)} | ${cell(t.action)} |`),
    "",
  ];
}

/** One heading per rung, by level: the importer reads a rung from each heading under an escalation heading. */
function escalationLines(escalation: ExportableTemplate["escalation"]): string[] {
  if (!escalation || escalation.length === 0) return [];
  const out = ["## Escalation", ""];
  const seen = new Set<number>();
  for (const rung of [...escalation].sort((a, b) => a.level - b.level)) {
    if (seen.has(rung.level)) continue;
    seen.add(rung.level);
    out.push(`### Level ${rung.level} after ${rung.afterMinutes} minutes: ${escapeHeading(rung.action)}`, "");
  }
  return out;
}

type Reference = { title?: string; kind?: string; text?: string; lang?: string; header?: string[]; rows?: string[][] };

/** References are for reading: fenced (or a table), so none of them turns into an item or a step when imported again. */
function referenceLines(references: unknown, notes: TNoteSections | undefined): string[] {
  const list = Array.isArray(references) ? (references as Reference[]) : [];
  const sections = NOTE_SECTIONS.filter((s) => notes?.[s.key]?.trim());
  if (list.length === 0 && sections.length === 0) return [];
  const out = ["## Reference material", ""];
  for (const reference of list) {
    out.push(`**${escapeInline(reference.title ?? "Reference")}** (${reference.kind ?? "table"})`, "");
    if (reference.text !== undefined && reference.kind !== "links")
      out.push(fenced(reference.kind === "code" ? reference.lang || "text" : "markdown", reference.text));
    else if (reference.kind === "links") out.push(fenced("markdown", (reference.rows ?? []).map(([t, u]) => `- [${t}](${u})`).join("\n")));
    else {
      const header = reference.header?.length ? reference.header : (reference.rows?.[0] ?? []).map(() => "");
      out.push(
        `| ${header.map(cell).join(" | ")} |`,
        `| ${header.map(() => "---").join(" | ")} |`,
        ...(reference.rows ?? []).map((r) => `| ${r.map(cell).join(" | ")} |`),
      );
    }
    out.push("");
  }
  for (const section of sections) out.push(`**Release notes: ${section.title}**`, "", fenced("markdown", notes![section.key]), "");
  return out;
}

export function exportRunbook(template: ExportableTemplate): string {
  const lines = [
    ...frontMatter(template.name, template.description),
    ...(namesATime(template.name) ? [] : [`# ${escapeHeading(template.name)}`, ""]),
    ...phaseLines(template.phases),
    ...procedureLines(template.procedures),
    ...reminderLines(template.reminders),
    ...thresholdLines(template),
    ...escalationLines(template.escalation),
    ...referenceLines(template.references, template.notes),
  ];
  // Steps hold `${NAME}` references already; a value typed into a step in Countdown is replaced here too.
  return replaceRunbookCredentials(lines.join("\n")).markdown.trimEnd() + "\n";
}

/** The download's file name: the template's name in lower-case words. */
export function exportFileName(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "template"}.md`;
}
