import type { TParsedProcedure } from "@/lib/schemas/runbook";

// Deploy pipelines from a runbook's headings. Runbooks split a deployment into numbered sections ("1.1 Database
// Setup" ... "4.3 E2E Testing", "Step 1: Prepare Release" ... "Step 8: Announcement"): in document order they are
// one pipeline, which a deploy runs as one run. Procedures under a section named for staging or production join that
// environment's pipeline; numbered procedures under no such section make the default pipeline ("*"), which runs in
// any environment without its own. Rollbacks never join one: they are the way out of a failed pipeline.

/** "1.1 Database Setup", "Step 1: Prepare Release", "Day 1-2: Database Setup", "2) Deploy", "Phase 3 - Verify". */
const NUMBERED = /^(?:(?:step|stage|phase|day|part)\s+\d{1,3}(?:[.-]\d{1,3})*\s*[.):-]?|\d{1,2}(?:\.\d{1,3})+\.?|\d{1,2}[.)])\s+\S/i;
const ENVIRONMENTS: [string, RegExp][] = [
  ["staging", /\bstaging\b/i],
  ["production", /\bprod(?:uction)?\b/i],
];

/** Where a procedure was found: its own heading and the headings above it, nearest last (the title left out). */
export type ProcedurePlace = { procedure: TParsedProcedure; heading: string | null; ancestors: string[] };

export const isNumberedHeading = (text: string) => NUMBERED.test(text.trim());

/** The environment a section names ("Staging Deployment", "Production Rollout Strategy"), the nearest heading first. */
export function environmentOfHeadings(headings: readonly string[]): string | null {
  for (let i = headings.length - 1; i >= 0; i--) {
    const named = ENVIRONMENTS.filter(([, pattern]) => pattern.test(headings[i]));
    if (named.length === 1) return named[0][0];
  }
  return null;
}

/**
 * Sets `environment` on the procedures that make a pipeline: every non-rollback procedure of a staging or production
 * section, and the numbered ones elsewhere ("*") when there are at least two of them and one deploys. A pipeline
 * with no deploy in it is left alone (a "Production Monitoring" section is not a deployment).
 */
export function proposePipelines(places: readonly ProcedurePlace[]): void {
  const proposed = new Map<string, TParsedProcedure[]>();
  for (const { procedure, heading, ancestors } of places) {
    if (procedure.kind === "rollback" || heading === null) continue;
    const named = environmentOfHeadings([...ancestors, heading]);
    const environment = named ?? (isNumberedHeading(heading) ? "*" : null);
    if (environment === null) continue;
    proposed.set(environment, [...(proposed.get(environment) ?? []), procedure]);
  }
  for (const [environment, procedures] of proposed) {
    if (!procedures.some((p) => p.kind === "deploy")) continue;
    if (environment === "*" && procedures.length < 2) continue;
    for (const procedure of procedures) procedure.environment = environment;
  }
}
