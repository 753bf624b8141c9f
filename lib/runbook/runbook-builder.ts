import { isContingencyHeading, isNotAPlaybook } from "@/lib/runbook/contingency";
import { procedureKindOf } from "@/lib/runbook/procedure-kind";
import { proposePipelines, type ProcedurePlace } from "@/lib/runbook/pipelines";
import { parseTimePhrase, resolveOffset, type TimePhrase } from "@/lib/runbook/time-phrase";
import { datedHeading, isReleaseMilestone, scheduleOffsets, type ScheduleWhen } from "@/lib/runbook/schedule-dates";
import { escalationLadder, escalationLine, type EscalationLine } from "@/lib/runbook/escalation";
import type {
  TParsedCanary,
  TParsedChecklistItem,
  TParsedPhase,
  TParsedProcedure,
  TParsedReference,
  TParsedReminder,
  TParsedRunbook,
  TParsedStep,
  TParsedThreshold,
  TProcedureKind,
  TUnplaced,
} from "@/lib/schemas/runbook";

// Collects what the walk over the Markdown finds and places it:
// - a checklist item goes into the phase of its nearest heading (one phase per heading that has
//   items; items before any heading go into a phase named after the document title, or "General");
//   a phase's offset is its heading's time phrase, else the nearest parent heading's;
// - shell steps go into the procedure of their nearest heading, or of the bold "pseudo-heading"
//   paragraph above them when that names a procedure kind ("**Option 2: Canary Deployment**");
//   the kind is the one that heading names, else the nearest parent heading's, else "custom".

type Heading = {
  depth: number;
  text: string;
  line: number;
  phrase: TimePhrase | null;
  kind: TProcedureKind | null;
  isTitle: boolean;
  /** "## 2024-03-12: Code freeze", "### Monday: branch cut": a dated milestone (when the heading names no T-time). */
  dated: { when: ScheduleWhen; milestone: string } | null;
};
/** A phase of a dated schedule (a table row or a dated heading); its offset is resolved once the whole schedule is read. */
type Scheduled = { phase: TParsedPhase; when: ScheduleWhen; release: boolean; key: string };
type Pseudo = { text: string; line: number; kind: TProcedureKind };

const UNTITLED = "Untitled section";
const PLAN_WORDS =
  /\b(check[\s-]?lists?|tasks?|steps?|to[\s-]?dos?|prep\w*|before|after|pre[\s-]|post[\s-]|day|week|launch\w*|go[\s-]?live|cut[\s-]?over|migrat\w*|freeze|sign[\s-]?off|approv\w*|readiness|actions?|plan|procedures?|process|phase|stage|release|setup|install\w*|upgrade|verification|testing|tests?|monitoring)\b/i;
// Triggers and criteria say when to act ("Rollback Triggers"): notes (and thresholds), not items to tick before T-0.
const CRITERIA = /\b(triggers?|criteria|decision|when to)\b/i;
const COMMUNICATION = /\b(communication|comms|announcements?|stakeholder updates?|notifications? plan)\b/i;
const ESCALATION = /\bescalat\w*|\bon[\s-]?call ladder\b/i;
const CONTACTS = /\b(contacts?|who to (call|page)|people|team members|owners|on[\s-]?call (list|rota))\b/i;

export class RunbookBuilder {
  private title: string | null = null;
  private headings: Heading[] = [];
  private pseudo: Pseudo | null = null;
  private phases = new Map<string, TParsedPhase>();
  private procedures = new Map<string, TParsedProcedure>();
  /** Where each procedure of a heading was found, for the pipelines build() proposes. */
  private places: ProcedurePlace[] = [];
  private preamblePhase: TParsedPhase | null = null;
  private preambleProcedure: TParsedProcedure | null = null;
  private thresholds: TParsedThreshold[] = [];
  private canaries: TParsedCanary[] = [];
  private references: TParsedReference[] = [];
  private unplaced: TUnplaced[] = [];
  private reminders = new Map<number, TParsedReminder>();
  private scheduled: Scheduled[] = [];
  private escalation: EscalationLine[] = [];
  private blocks = 0;
  private unplacedBlocks = 0;

  /** One more block of the document: it is placed, unless addUnplaced says otherwise. */
  countBlocks(n = 1): void {
    this.blocks += n;
  }

  enterHeading(depth: number, text: string, line: number): void {
    while (this.headings.length > 0 && this.headings[this.headings.length - 1].depth >= depth) this.headings.pop();
    const isTitle = this.title === null && depth === 1;
    if (isTitle) this.title = text;
    const phrase = parseTimePhrase(text);
    const dated = phrase === null && !isTitle ? datedHeading(text) : null;
    this.headings.push({ depth, text, line, phrase, kind: procedureKindOf(text), isTitle, dated });
    this.pseudo = null;
    this.pseudoEscalation = false;
    this.noteEscalation(text, true);
    // A dated milestone is a phase of the schedule even when only prose follows it.
    if (dated && !this.inPlaybook()) this.currentPhase(line);
  }

  /** A line of an escalation section that names a level or a time is a rung of the template's escalation ladder. */
  noteEscalation(text: string, heading = false): void {
    const context = heading ? this.headings.slice(0, -1) : this.headings;
    if (!context.some((h) => !h.isTitle && ESCALATION.test(h.text)) && !(this.pseudoEscalation && !heading)) return;
    const rung = escalationLine(text);
    if (rung) this.escalation.push(rung);
  }
  /** "**Escalation Path**:" as a bold paragraph above the list. */
  private pseudoEscalation = false;
  enterBoldLabel(text: string): void {
    this.pseudoEscalation = ESCALATION.test(text);
  }

  /** Rows of a schedule table: each is a phase (the milestone, with the row's other cells as its item's details). */
  addScheduleRows(rows: { when: ScheduleWhen | null; milestone: string; details: string }[], line: number): void {
    for (const [i, row] of rows.entries()) {
      const phase: TParsedPhase = {
        title: row.milestone || UNTITLED,
        offsetMinutes: null,
        line,
        items: [
          {
            text: row.milestone || UNTITLED,
            ...(row.details ? { details: row.details } : {}),
            required: false,
            ownerRole: null,
            checked: false,
            line,
            source: "bullet",
          },
        ],
      };
      this.phases.set(`t${line}:${i}`, phase);
      if (row.when) this.scheduled.push({ phase, when: row.when, release: isReleaseMilestone(row.milestone), key: `t${line}:${i}` });
    }
  }

  /** A paragraph of bold text that names a procedure kind starts a procedure of its own (true when it does). */
  enterPseudoHeading(text: string, line: number): boolean {
    const kind = procedureKindOf(text);
    if (kind) this.pseudo = { text, line, kind };
    return kind !== null;
  }

  nearestHeadingText(): string | null {
    return this.headings.at(-1)?.text ?? null;
  }

  addItem(item: TParsedChecklistItem): void {
    const offset = item.source !== "task" ? this.communicationOffset() : null;
    if (offset !== null) {
      // The communication plan's messages at a time are a reminder at that offset (one per offset, lines joined).
      const text = item.details ? `${item.text}\n${item.details}` : item.text;
      const reminder = this.reminders.get(offset);
      if (reminder) reminder.message = `${reminder.message}\n${text}`.slice(0, 1000);
      else this.reminders.set(offset, { offsetMinutes: offset, message: text.slice(0, 1000), line: item.line });
      return;
    }
    if (this.inPlaybook()) {
      // Contingency: a manual step a person confirms when the playbook is opened, not a gate before T-0.
      const text = item.details ? `${item.text}\n${item.details}` : item.text;
      this.playbookProcedure(item.line).steps.push({ kind: "gate", text, line: item.line });
      return;
    }
    this.currentPhase(item.line).items.push(item);
  }

  /** Under "Communication Plan" (or "Stakeholder Updates", "Announcements") and a heading with a time: its offset. */
  private communicationOffset(): number | null {
    if (!this.headings.some((h) => !h.isTitle && COMMUNICATION.test(h.text) && !/\btemplates?\b|\bchannels?\b/i.test(h.text))) return null;
    const offset = resolveOffset(this.headings.map((h) => h.phrase));
    // at most 20 reminders, within 30 days of T-0 (lib/schemas/notification.ts ZReminder)
    if (offset === null || Math.abs(offset) > 30 * 1440 || (!this.reminders.has(offset) && this.reminders.size >= 20)) return null;
    return offset;
  }

  /** Under a recovery / escalation / incident / rollback section (the nearest heading that says either way wins). */
  inPlaybook(): boolean {
    for (let i = this.headings.length - 1; i >= 0; i--) {
      const heading = this.headings[i];
      if (heading.isTitle) continue;
      if (isNotAPlaybook(heading.text)) return false;
      if (isContingencyHeading(heading.text)) return true;
    }
    return false;
  }

  private playbookProcedure(line: number): TParsedProcedure {
    const heading = this.headings.at(-1)!;
    // "Level 1: Traffic" under "Rollback Procedures" is a rollback level; "Recovery" under it is not a rollback itself
    const level = /\blevel\s+\d/i.test(heading.text) && this.headings.some((h) => !h.isTitle && h.kind === "rollback");
    const kind = heading.kind === "rollback" || level ? "rollback" : "custom";
    const existing = this.procedures.get(`h${heading.line}`);
    return existing ?? this.procedureFor(`h${heading.line}`, heading.text || UNTITLED, kind, line);
  }

  addSteps(steps: TParsedStep[], line: number): void {
    if (steps.length > 0) {
      const procedure = this.currentProcedure(line);
      for (const step of steps) procedure.steps.push(step);
    }
  }

  addThresholds(thresholds: TParsedThreshold[]): void {
    for (const threshold of thresholds) this.thresholds.push(threshold);
  }

  addCanaries(canaries: TParsedCanary[]): void {
    for (const canary of canaries) this.canaries.push(canary);
  }

  addReference(header: string[], rows: string[][], line: number): void {
    this.references.push({ title: this.sectionTitle(), line, header, rows });
  }

  /** A block kept for reading (code that is not shell, a note, links), attached to its section. */
  addTextReference(
    kind: "code" | "note" | "links" | "contacts",
    text: string,
    line: number,
    extra: { lang?: string; header?: string[]; rows?: string[][] } = {},
  ): void {
    const { header = [], rows = [], lang } = extra;
    this.references.push({ title: this.sectionTitle(), line, header, rows, kind, text, ...(lang ? { lang } : {}) });
  }

  /** Consecutive plain bullets of a section that is not a plan become one note of that section. */
  addNote(text: string, line: number, separator = "\n"): void {
    const last = this.references.at(-1);
    if (last && last.kind === "note" && last.title === this.sectionTitle() && this.lastNoteHeading === this.headings.at(-1)) {
      last.text = `${last.text}${separator}${text}`;
      return;
    }
    this.addTextReference("note", text, line);
    this.lastNoteHeading = this.headings.at(-1);
  }
  private lastNoteHeading: Heading | undefined;

  /** Plain bullets here are a plan: a heading (not the title) with a time, a procedure kind or a plan's words. */
  inPlanSection(): boolean {
    const nearest = this.headings.at(-1);
    if (!nearest || nearest.isTitle || CRITERIA.test(nearest.text)) return false;
    return nearest.kind !== null || PLAN_WORDS.test(nearest.text) || this.headings.some((h) => !h.isTitle && h.phrase !== null);
  }

  /** Under "Contacts", "Emergency Contacts", "Who to call": a list of people is a reference. */
  inContacts(): boolean {
    return this.headings.some((h) => !h.isTitle && CONTACTS.test(h.text));
  }

  private sectionTitle(): string {
    return this.nearestHeadingText() || this.title || "General";
  }

  /** `blocks`: how many of the counted blocks this entry holds (a table of contents: one per item). */
  addUnplaced(entry: TUnplaced, blocks = 1): void {
    this.unplaced.push(entry);
    this.unplacedBlocks += blocks;
  }

  private currentPhase(line: number): TParsedPhase {
    const heading = this.headings.at(-1);
    if (!heading) {
      this.preamblePhase ??= { title: "", offsetMinutes: null, line, items: [] };
      return this.preamblePhase;
    }
    const key = String(heading.line);
    let phase = this.phases.get(key);
    if (!phase) {
      const offset = resolveOffset(this.headings.map((h) => h.phrase));
      phase = { title: heading.text || UNTITLED, offsetMinutes: offset, line: heading.line, items: [] };
      this.phases.set(key, phase);
      const datedHeading = offset === null ? this.headings.findLast((h) => h.dated !== null) : undefined;
      const dated = datedHeading?.dated;
      if (dated) this.scheduled.push({ phase, when: dated.when, release: isReleaseMilestone(dated.milestone), key: `h${datedHeading.line}` });
    }
    return phase;
  }

  private currentProcedure(line: number): TParsedProcedure {
    if (this.pseudo) return this.procedureFor(`p${this.pseudo.line}`, this.pseudo.text, this.pseudo.kind, this.pseudo.line);
    const heading = this.headings.at(-1);
    if (!heading) {
      this.preambleProcedure ??= { name: "", kind: "custom", line, steps: [] };
      return this.preambleProcedure;
    }
    // The document title names the whole document ("X Deployment & Rollout"), not a procedure kind.
    const kinds = this.headings.filter((h) => h === heading || !h.isTitle).map((h) => h.kind);
    const kind = kinds.reverse().find((k) => k !== null) ?? "custom";
    const key = `h${heading.line}`;
    const known = this.procedures.has(key);
    const procedure = this.procedureFor(key, heading.text || UNTITLED, kind, heading.line);
    if (!known) this.places.push({ procedure, heading: heading.text, ancestors: this.headings.filter((h) => h !== heading && !h.isTitle).map((h) => h.text) });
    return procedure;
  }

  private procedureFor(key: string, name: string, kind: TProcedureKind, line: number): TParsedProcedure {
    let procedure = this.procedures.get(key);
    if (!procedure) {
      procedure = { name, kind, line, steps: [] };
      this.procedures.set(key, procedure);
    }
    return procedure;
  }

  /** Dated schedule entries -> offsets from the schedule's T-0 (its release row, else its last date, whose dates are kept). */
  private resolveSchedule(): void {
    const { offsets, keepDates } = scheduleOffsets(this.scheduled);
    for (const [i, entry] of this.scheduled.entries()) {
      entry.phase.offsetMinutes = offsets[i];
      if (keepDates && "date" in entry.when) entry.phase.scheduledAt = new Date(entry.when.date).toISOString();
    }
  }

  build(): Omit<TParsedRunbook, "credentials" | "description"> {
    this.resolveSchedule();
    const fallbackName = this.title || "General";
    const phases = [...this.phases.values()];
    if (this.preamblePhase) phases.unshift({ ...this.preamblePhase, title: fallbackName });
    const procedures = [...this.procedures.values()];
    if (this.preambleProcedure) procedures.unshift({ ...this.preambleProcedure, name: fallbackName });
    phases.sort((a, b) => a.line - b.line);
    procedures.sort((a, b) => a.line - b.line);
    proposePipelines([...this.places].sort((a, b) => a.procedure.line - b.procedure.line));
    const checklistItems = phases.reduce((n, p) => n + p.items.length, 0);
    const steps = procedures.reduce((n, p) => n + p.steps.length, 0);
    const warnings: string[] = [];
    let references = this.references;
    let unplaced = this.unplaced;
    if (checklistItems === 0 && steps === 0 && this.reminders.size === 0 && this.scheduled.length === 0 && this.blocks > 0) {
      // Nothing to tick or run: say so, and list everything the document holds rather than call it placed.
      warnings.push("This runbook has no checklist items and no steps: nothing of it could be placed, everything is listed as unplaced.");
      const reason = "no checklist items or steps in this document";
      unplaced = [
        ...this.unplaced,
        ...this.references.map((r) => ({
          line: r.line,
          text: r.text ?? [r.header, ...r.rows].map((row) => row.join(" | ")).join("\n"),
          reason: `${reason} (${r.kind ?? "table"} of ${r.title})`,
        })),
      ];
      unplaced.sort((a, b) => a.line - b.line);
      references = [];
      this.unplacedBlocks = this.blocks;
    }
    const unplacedBlocks = Math.min(this.unplacedBlocks, this.blocks);
    return {
      title: this.title,
      phases,
      procedures,
      thresholds: [...this.thresholds].sort((a, b) => a.line - b.line),
      canaries: this.canaries,
      references,
      reminders: [...this.reminders.values()].sort((a, b) => a.offsetMinutes - b.offsetMinutes),
      escalation: escalationLadder(this.escalation),
      unplaced,
      counts: { phases: phases.length, checklistItems, procedures: procedures.length, steps },
      coverage: { blocks: this.blocks, placed: this.blocks - unplacedBlocks, unplaced: unplacedBlocks },
      warnings,
    };
  }
}
