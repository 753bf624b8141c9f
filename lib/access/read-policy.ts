import "server-only";
import type { Caller } from "@/lib/auth/roles";
import { isShareCaller, type ShareCaller } from "@/lib/auth/share-caller";
import type { Role } from "@/lib/generated/prisma/enums";
import { stakeholderStepName } from "@/lib/timeline/step-name";

// What each caller reads of a plan and its runs, decided here for every route and page (DESIGN.md, Security):
// - "plan": everything, commands, HTTP requests (headers, bodies), metric URLs, step results and output. Admins,
//   release managers and approvers: they approve and run these commands.
// - "progress": step names, kinds and statuses. Viewers (stakeholders) and share links. A step named after its
//   command gets a generic name ("Command 3"), so the name cannot carry the command either.
// Routes ask readAccess() and shape what they return with the helpers below; nothing else decides.

export type ReadAccess = "plan" | "progress";

const READS_PLAN: readonly Role[] = ["admin", "manager", "approver"];

export function readAccess(caller: Caller | ShareCaller | null | undefined): ReadAccess {
  if (!caller || isShareCaller(caller)) return "progress";
  return roleAccess(caller.role);
}

/** What a signed-in role reads; a live stream re-asks this when its caller's role changes. */
export function roleAccess(role: Role): ReadAccess {
  return READS_PLAN.includes(role) ? "plan" : "progress";
}

/** The live stream's audience for a caller: output lines and full event payloads only with "plan". */
export function streamAudience(caller: Caller | ShareCaller): "full" | "stakeholder" {
  return readAccess(caller) === "plan" ? "full" : "stakeholder";
}

/** A step's name for a reader: as written with "plan", a name that does not repeat its command with "progress". */
export function stepNameFor(access: ReadAccess, step: { position: number; kind: string; text: string; config: unknown }): string {
  return access === "plan" ? step.text : stakeholderStepName(step);
}

type TemplateLike = {
  canaries: unknown;
  unplaced: unknown;
  references: unknown;
  thresholds: unknown;
  procedures: { id: string; name: string; kind: string; steps: ({ id: string; kind: string; text: string } & Record<string, unknown>)[] }[];
};

/**
 * A template as a reader sees it. With "progress": each step's id, kind and safe name (no command, request or
 * metric source), the canaries' stages without their weight command or watch, the blocks the import could not
 * place by line and reason only (they are often code), reference tables by title and columns (runbooks keep
 * command cheat-sheets in them), thresholds without the action to take.
 */
export function templateFor<T extends TemplateLike>(access: ReadAccess, template: T): T {
  if (access === "plan") return template;
  const canaries = Array.isArray(template.canaries)
    ? template.canaries.map((c: { line?: number; text?: string; stages?: unknown }) => ({ line: c.line, text: c.text, stages: c.stages, weightCommand: null }))
    : [];
  const unplaced = Array.isArray(template.unplaced)
    ? template.unplaced.map((u: { line?: number; reason?: string }) => ({ line: u.line, text: "", reason: u.reason }))
    : [];
  const references = Array.isArray(template.references)
    ? template.references.map((r: { title?: string; line?: number; header?: unknown }) => ({ title: r.title, line: r.line, header: r.header, rows: [] }))
    : [];
  const thresholds = Array.isArray(template.thresholds) ? template.thresholds.map((t: Record<string, unknown>) => ({ ...t, action: null })) : [];
  return {
    ...template,
    canaries,
    unplaced,
    references,
    thresholds,
    procedures: template.procedures.map((pr) => ({
      ...pr,
      steps: pr.steps.map(({ id, kind, text, ...config }, position) => ({ id, kind, text: stakeholderStepName({ position, kind, text, config }) })),
    })),
  };
}
