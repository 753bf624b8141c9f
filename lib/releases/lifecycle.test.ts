import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProcedureKind, ReleaseStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import {
  assertAllowed,
  finishEvent,
  FINAL_STATUSES,
  isFinal,
  mayStart,
  nextStatus,
  rollsBackAutomatically,
  startableKinds,
  startEvent,
  TRANSITIONS,
  type LifecycleEvent,
} from "@/lib/releases/lifecycle";

const STATUSES = Object.keys(TRANSITIONS) as ReleaseStatus[];
const KINDS: ProcedureKind[] = ["deploy", "smoke", "verify", "rollback", "custom"];
const EVENTS = [...new Set(STATUSES.flatMap((s) => Object.keys(TRANSITIONS[s])))] as LifecycleEvent[];

/**
 * What a writer can do to a release, as the app does it: start a run of a kind (remembering the status it started
 * in, as runs do), finish one of the runs still going, or one of the release-level changes.
 */
type Command = { op: "start"; kind: ProcedureKind } | { op: "finish"; run: number; outcome: "succeeded" | "failed" } | { op: "event"; event: LifecycleEvent };
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant("start" as const), kind: fc.constantFrom(...KINDS) }),
  fc.record({ op: fc.constant("finish" as const), run: fc.nat(5), outcome: fc.constantFrom("succeeded" as const, "failed" as const) }),
  fc.record({ op: fc.constant("event" as const), event: fc.constantFrom<LifecycleEvent>("readiness.met", "readiness.lost", "reschedule", "cancel", "assign-manager", "decide") }),
);

type Trace = { from: ReleaseStatus; event: LifecycleEvent; to: ReleaseStatus | null; run?: { kind: ProcedureKind; startedIn: ReleaseStatus } }[];

/** Plays the commands against the table the way the writers do: a refused event changes nothing. */
function play(start: ReleaseStatus, commands: Command[]) {
  let status = start;
  const running: { kind: ProcedureKind; startedIn: ReleaseStatus }[] = [];
  const trace: Trace = [];
  const apply = (event: LifecycleEvent, run?: { kind: ProcedureKind; startedIn: ReleaseStatus }) => {
    const to = nextStatus(status, event);
    trace.push({ from: status, event, to, run });
    if (to !== null) status = to;
    return to !== null;
  };
  for (const c of commands) {
    if (c.op === "start") {
      const startedIn = status;
      if (apply(startEvent(c.kind))) running.push({ kind: c.kind, startedIn });
    } else if (c.op === "finish") {
      const run = running.splice(c.run % Math.max(running.length, 1), 1)[0];
      if (run) apply(finishEvent(run.kind, c.outcome, run.startedIn), run);
    } else apply(c.event);
  }
  return { status, trace };
}

describe("the release lifecycle", () => {
  it("never leaves a final state, whatever happens next", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINAL_STATUSES), fc.array(fc.constantFrom(...EVENTS), { maxLength: 30 }), (final, events) => {
        for (const e of events) expect(nextStatus(final, e)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom<ReleaseStatus>("scheduled", "draft"), fc.array(command, { maxLength: 60 }), (start, commands) => {
        const { trace } = play(start, commands);
        const firstFinal = trace.findIndex((t) => t.to !== null && isFinal(t.to));
        if (firstFinal >= 0) for (const t of trace.slice(firstFinal + 1)) expect(t.to).toBeNull();
      }),
    );
  });

  it("never makes an illegal move over random sequences of runs and changes", () => {
    fc.assert(
      fc.property(fc.constantFrom<ReleaseStatus>("scheduled", "draft"), fc.array(command, { maxLength: 60 }), (start, commands) => {
        const { trace } = play(start, commands);
        let deployStarted = false;
        let deploySucceeded = false;
        for (const t of trace) {
          if (t.to === null) continue;
          // Only the table's moves happen.
          expect(TRANSITIONS[t.from][t.event]).toBe(t.to);
          if (t.event === "deploy.start") deployStarted = true;
          if (t.event === "deploy.succeeded") deploySucceeded = true;
          // A rollback exists only after a deploy started.
          if (t.event.startsWith("rollback.")) expect(deployStarted).toBe(true);
          // Released only by a check that started while the deploy was being verified, after a deploy succeeded.
          if (t.to === "released") {
            expect(deploySucceeded).toBe(true);
            expect(t.run?.startedIn).toBe("verifying");
            expect(["smoke", "verify"]).toContain(t.run?.kind);
          }
          if (t.to === "rolled_back") expect(t.run?.kind).toBe("rollback");
          // A pre-flight check is recorded and moves nothing.
          if (t.event.startsWith("preflight.") || t.event === "check.start") expect(t.to).toBe(t.from);
          // A deploy never finishes into a status other than verifying or deploying.
          if (t.event === "deploy.succeeded") expect(t.to).toBe("verifying");
          // Cancelling and moving T-0 only happen before the deploy.
          if (t.event === "cancel" || t.event === "reschedule") expect(["draft", "scheduled", "ready"]).toContain(t.from);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves a release scheduled when a smoke test runs before any deploy, passed or failed", () => {
    fc.assert(
      fc.property(fc.constantFrom<ReleaseStatus>("draft", "scheduled", "ready", "deploying"), fc.constantFrom("succeeded" as const, "failed" as const), fc.constantFrom<ProcedureKind>("smoke", "verify"), (status, outcome, kind) => {
        expect(nextStatus(status, startEvent(kind))).toBe(status);
        expect(nextStatus(status, finishEvent(kind, outcome, status))).toBe(status);
        expect(rollsBackAutomatically(kind, outcome, status)).toBe(false);
      }),
    );
  });

  it("releases after a post-deploy check and rolls back automatically only after a failed deploy or post-deploy smoke", () => {
    expect(nextStatus("verifying", finishEvent("smoke", "succeeded", "verifying"))).toBe("released");
    expect(nextStatus("verifying", finishEvent("verify", "succeeded", "verifying"))).toBe("released");
    expect(rollsBackAutomatically("deploy", "failed", "ready")).toBe(true);
    expect(rollsBackAutomatically("smoke", "failed", "verifying")).toBe(true);
    expect(rollsBackAutomatically("verify", "failed", "verifying")).toBe(false);
    expect(rollsBackAutomatically("custom", "failed", "deploying")).toBe(false);
    expect(rollsBackAutomatically("deploy", "succeeded", "ready")).toBe(false);
  });

  it("says which procedures may start where, from the same table", () => {
    expect(startableKinds("scheduled")).toEqual(["deploy", "smoke", "verify", "custom"]);
    expect(startableKinds("verifying")).toEqual(["deploy", "smoke", "verify", "rollback", "custom"]);
    expect(startableKinds("draft")).toEqual(["smoke", "verify"]);
    for (const s of FINAL_STATUSES) expect(startableKinds(s)).toEqual([]);
    for (const s of STATUSES) for (const k of KINDS) expect(mayStart(s, k)).toBe(nextStatus(s, startEvent(k)) !== null);
  });

  it("refuses with 409 LIFECYCLE naming the current state and the attempted action", () => {
    const err = (() => {
      try {
        assertAllowed("released", "decide");
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 409, code: "LIFECYCLE", details: { current: "released", attempted: "decide" } });
    expect(err!.message).toContain("released");
    expect(() => assertAllowed("scheduled", "rollback.start")).toThrow("a rollback exists only after a deploy started");
    expect(assertAllowed("ready", "deploy.start")).toBe("deploying");
  });
});
