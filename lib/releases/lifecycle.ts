// The release lifecycle: one table of state x event -> next state that every writer of a release's status goes
// through (routes, the worker's after-run, cancel, reschedule, readiness flips). Pure: no database, so the worker,
// the pages and the property test (lifecycle.test.ts) read the same rules. Drawn in docs/lifecycle.md.
import { AppError } from "@/lib/errors";
import type { ProcedureKind, ReleaseEnvironmentState, ReleaseStatus } from "@/lib/generated/prisma/enums";

/** Nothing moves a release out of these, and no procedure, decision or plan change is accepted in them. */
export const FINAL_STATUSES: readonly ReleaseStatus[] = ["released", "rolled_back", "cancelled"];

/** Procedures that check a target: before any deploy they are pre-flight checks and move nothing. */
export const CHECK_KINDS: readonly ProcedureKind[] = ["smoke", "verify"];

export type LifecycleEvent =
  // readiness flips (record-readiness.ts)
  | "readiness.met"
  | "readiness.lost"
  // a person changes the release itself
  | "reschedule"
  | "cancel"
  | "assign-manager"
  // voting, withdrawing a vote, overriding a no-go
  | "decide"
  // runs: the start of each kind (also a retry, skip or gate continue of one of its steps), then how it ended
  | "deploy.start"
  | "deploy.succeeded"
  | "deploy.failed"
  | "check.start"
  // a check started before the deploy succeeded: recorded, moves nothing
  | "preflight.succeeded"
  | "preflight.failed"
  // a check started while the release was verifying its deploy
  | "check.succeeded"
  | "check.failed"
  | "rollback.start"
  | "rollback.succeeded"
  | "rollback.failed"
  | "custom.start"
  | "custom.succeeded"
  | "custom.failed"
  // on a promotion path, a deploy to an environment before the last one starts the release's deployment...
  | "path.deploy.start"
  // ...and anything else a run does to such an environment leaves the release where it is (releaseEvent below)
  | "path.moved";

type Row = Partial<Record<LifecycleEvent, ReleaseStatus>>;

const stay = (status: ReleaseStatus, events: LifecycleEvent[]): Row => Object.fromEntries(events.map((e) => [e, status]));

/** Changes a person makes while the release is open. */
const OPEN: LifecycleEvent[] = ["assign-manager", "decide"];
const PREFLIGHT: LifecycleEvent[] = ["check.start", "preflight.succeeded", "preflight.failed"];
const CUSTOM: LifecycleEvent[] = ["custom.start", "custom.succeeded", "custom.failed"];

/** Before the deploy: T-0 may move, the release may be cancelled; a deploy starts it for real. */
const planned = (status: "scheduled" | "ready"): Row => ({
  ...stay(status, [...OPEN, "reschedule", ...PREFLIGHT, ...CUSTOM]),
  cancel: "cancelled",
  "deploy.start": "deploying",
  "path.deploy.start": "deploying",
});

/** Once a deploy started: rollback exists; a check started now is a post-deploy check. */
const deployed = (status: "deploying" | "verifying"): Row => ({
  ...stay(status, [...OPEN, ...PREFLIGHT, ...CUSTOM, "rollback.start", "rollback.failed", "path.deploy.start", "path.moved"]),
  "deploy.start": "deploying",
  "rollback.succeeded": "rolled_back",
});

export const TRANSITIONS: Record<ReleaseStatus, Row> = {
  draft: { ...stay("draft", [...OPEN, "reschedule", ...PREFLIGHT]), cancel: "cancelled" },
  scheduled: { ...planned("scheduled"), "readiness.met": "ready" },
  ready: { ...planned("ready"), "readiness.lost": "scheduled" },
  deploying: { ...deployed("deploying"), "deploy.succeeded": "verifying", "deploy.failed": "deploying" },
  verifying: { ...deployed("verifying"), "check.succeeded": "released", "check.failed": "verifying" },
  released: {},
  rolled_back: {},
  cancelled: {},
};

/** The status `event` moves a release in `status` to, or null when the event is not allowed there. */
export function nextStatus(status: ReleaseStatus, event: LifecycleEvent): ReleaseStatus | null {
  return TRANSITIONS[status][event] ?? null;
}

export function isFinal(status: ReleaseStatus | string): boolean {
  return FINAL_STATUSES.includes(status as ReleaseStatus);
}

/** The event a run of `kind` starting (or going on after a retry, skip or gate) is. */
export function startEvent(kind: ProcedureKind): LifecycleEvent {
  if (kind === "deploy") return "deploy.start";
  if (kind === "rollback") return "rollback.start";
  if (CHECK_KINDS.includes(kind)) return "check.start";
  return "custom.start";
}

/** Which procedures may start in `status` (read from the table, so the two never disagree). */
export function mayStart(status: ReleaseStatus, kind: ProcedureKind): boolean {
  return nextStatus(status, startEvent(kind)) !== null;
}

export function startableKinds(status: ReleaseStatus): ProcedureKind[] {
  return (["deploy", "smoke", "verify", "rollback", "custom"] as const).filter((k) => mayStart(status, k));
}

/**
 * The event a finished run is. A check counts as the deploy's verification only when it started while the release
 * was verifying: a smoke test run before any deploy (or during one) is a pre-flight check, whenever it ends.
 */
export function finishEvent(kind: ProcedureKind, outcome: "succeeded" | "failed", startedIn: ReleaseStatus | ReleaseEnvironmentState | null): LifecycleEvent {
  if (CHECK_KINDS.includes(kind)) return `${startedIn === "verifying" ? "check" : "preflight"}.${outcome}`;
  if (kind === "deploy" || kind === "rollback") return `${kind}.${outcome}`;
  return `custom.${outcome}`;
}

/** The automatic rollback follows only a failed deploy or a failed post-deploy smoke test, never a pre-flight check. */
export function rollsBackAutomatically(
  kind: ProcedureKind,
  outcome: "succeeded" | "failed",
  startedIn: ReleaseStatus | ReleaseEnvironmentState | null,
): boolean {
  if (outcome !== "failed") return false;
  return kind === "deploy" || (kind === "smoke" && startedIn === "verifying");
}

const ACTION_WORDS: Record<LifecycleEvent, string> = {
  "readiness.met": "mark it ready",
  "readiness.lost": "mark it not ready",
  reschedule: "move its T-0",
  cancel: "cancel it",
  "assign-manager": "change its manager",
  decide: "vote, withdraw or override a decision",
  "deploy.start": "deploy",
  "deploy.succeeded": "finish a deploy",
  "deploy.failed": "fail a deploy",
  "check.start": "run a check",
  "preflight.succeeded": "record a pre-flight check",
  "preflight.failed": "record a pre-flight check",
  "check.succeeded": "release it",
  "check.failed": "record a failed check",
  "rollback.start": "roll back",
  "rollback.succeeded": "finish a rollback",
  "rollback.failed": "fail a rollback",
  "custom.start": "run a custom procedure",
  "custom.succeeded": "finish a custom procedure",
  "custom.failed": "fail a custom procedure",
  "path.deploy.start": "deploy",
  "path.moved": "change an environment",
};

/** Why `event` is refused in `status`, in words a release manager reads; null when it is allowed. */
export function refusal(status: ReleaseStatus, event: LifecycleEvent): string | null {
  if (nextStatus(status, event) !== null) return null;
  const state = status.replace("_", " ");
  if (isFinal(status)) return `The release is ${state}, which is final: you cannot ${ACTION_WORDS[event]} any more.`;
  if (event === "rollback.start") return `The release is ${state}: a rollback exists only after a deploy started.`;
  return `The release is ${state}: it is not possible to ${ACTION_WORDS[event]} now.`;
}

/** The status `event` moves to; 409 LIFECYCLE naming the current state and the attempted action when refused. */
export function assertAllowed(status: ReleaseStatus | string, event: LifecycleEvent): ReleaseStatus {
  const current = status as ReleaseStatus;
  const next = nextStatus(current, event);
  if (next === null) throw new AppError("LIFECYCLE", refusal(current, event)!, { current, attempted: event });
  return next;
}

// ---- the promotion path: one state per environment of the release's path ----

export type EnvironmentState = ReleaseEnvironmentState;

type EnvironmentRow = Partial<Record<LifecycleEvent, EnvironmentState>>;
const stayIn = (state: EnvironmentState, events: LifecycleEvent[]): EnvironmentRow => Object.fromEntries(events.map((e) => [e, state]));
/** What never moves an environment: pre-flight checks and custom procedures. */
const ANY_TIME: LifecycleEvent[] = [...PREFLIGHT, ...CUSTOM];
/** Once a deploy started there: a rollback may start, and when it succeeds the environment is rolled back. */
const touched = (state: EnvironmentState): EnvironmentRow => ({
  ...stayIn(state, [...ANY_TIME, "rollback.start", "rollback.failed"]),
  "deploy.start": "deploying",
  "rollback.succeeded": "rolled_back",
});

/**
 * Each environment of a release's path: pending -> deploying -> verifying -> deployed (its deploy verified: the next
 * environment may be promoted to), or failed / rolled back (a deploy may start there again). Rollback is per
 * environment; the release's own status moves by TRANSITIONS, fed by releaseEvent.
 */
export const ENVIRONMENT_TRANSITIONS: Record<EnvironmentState, EnvironmentRow> = {
  pending: { ...stayIn("pending", ANY_TIME), "deploy.start": "deploying" },
  deploying: { ...touched("deploying"), "deploy.succeeded": "verifying", "deploy.failed": "failed" },
  verifying: { ...touched("verifying"), "check.succeeded": "deployed", "check.failed": "verifying" },
  deployed: touched("deployed"),
  failed: touched("failed"),
  rolled_back: { ...stayIn("rolled_back", ANY_TIME), "deploy.start": "deploying" },
};

export function nextEnvironmentState(state: EnvironmentState, event: LifecycleEvent): EnvironmentState | null {
  return ENVIRONMENT_TRANSITIONS[state][event] ?? null;
}

/**
 * The event the release itself sees when `event` happens in one environment of its path. The last environment is
 * the release's target: its events are the release's (deploying, verifying, released, rolled back). An environment
 * before it starts the release's deployment with its first deploy and otherwise leaves the release as it is: the
 * release is deploying from its first deploy anywhere until the last environment's deploy succeeds.
 */
export function releaseEvent(event: LifecycleEvent, isLast: boolean): LifecycleEvent {
  if (isLast) return event;
  if (event === "deploy.start") return "path.deploy.start";
  if (event.startsWith("deploy.") || event.startsWith("rollback.") || event === "check.succeeded" || event === "check.failed") return "path.moved";
  return event;
}

/** 409 LIFECYCLE when `event` cannot happen in an environment in `state` (a rollback where nothing was deployed). */
export function assertEnvironmentAllowed(environment: string, state: EnvironmentState, event: LifecycleEvent): EnvironmentState {
  const next = nextEnvironmentState(state, event);
  if (next !== null) return next;
  const words = state.replace("_", " ");
  const message =
    event === "rollback.start"
      ? `${environment} is ${words}: a rollback exists only after a deploy started there.`
      : `${environment} is ${words}: it is not possible to ${ACTION_WORDS[event]} there now.`;
  throw new AppError("LIFECYCLE", message, { environment, current: state, attempted: event });
}
