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
  ENVIRONMENT_TRANSITIONS,
  nextEnvironmentState,
  releaseEvent,
  type EnvironmentState,
  type LifecycleEvent,
} from "@/lib/releases/lifecycle";
import { assertPromoted, defaultEnvironment, type PathEntry } from "@/lib/releases/promotion";

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
  fc.record({
    op: fc.constant("event" as const),
    event: fc.constantFrom<LifecycleEvent>("readiness.met", "readiness.lost", "reschedule", "cancel", "assign-manager", "decide"),
  }),
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
      fc.property(
        fc.constantFrom<ReleaseStatus>("draft", "scheduled", "ready", "deploying"),
        fc.constantFrom("succeeded" as const, "failed" as const),
        fc.constantFrom<ProcedureKind>("smoke", "verify"),
        (status, outcome, kind) => {
          expect(nextStatus(status, startEvent(kind))).toBe(status);
          expect(nextStatus(status, finishEvent(kind, outcome, status))).toBe(status);
          expect(rollsBackAutomatically(kind, outcome, status)).toBe(false);
        },
      ),
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

/** A path of 1 to 3 environments: a run starts in one of them, and both tables must allow it (as the gate checks). */
type PathCommand =
  { op: "start"; kind: ProcedureKind; at: number } | { op: "finish"; run: number; outcome: "succeeded" | "failed" } | { op: "event"; event: LifecycleEvent };
const pathCommand: fc.Arbitrary<PathCommand> = fc.oneof(
  fc.record({ op: fc.constant("start" as const), kind: fc.constantFrom(...KINDS), at: fc.nat(2) }),
  fc.record({ op: fc.constant("finish" as const), run: fc.nat(5), outcome: fc.constantFrom("succeeded" as const, "failed" as const) }),
  fc.record({ op: fc.constant("event" as const), event: fc.constantFrom<LifecycleEvent>("readiness.met", "readiness.lost", "reschedule", "cancel", "decide") }),
);

function playPath(length: number, commands: PathCommand[]) {
  let status: ReleaseStatus = "scheduled";
  const path: PathEntry[] = Array.from({ length }, (_, i) => ({
    environment: `env${i}`,
    position: i,
    state: "pending" as EnvironmentState,
    runId: null,
    deployedAt: null,
    verifiedAt: new Date(0),
  }));
  const running: { kind: ProcedureKind; at: number; startedIn: EnvironmentState }[] = [];
  const moves: {
    at: number;
    event: LifecycleEvent;
    from: EnvironmentState;
    to: EnvironmentState | null;
    status: ReleaseStatus;
    released: boolean;
    last: EnvironmentState;
  }[] = [];
  const move = (at: number, event: LifecycleEvent) => {
    const from = path[at].state;
    const to = nextEnvironmentState(from, event);
    if (to !== null) path[at].state = to;
    // As movePath: an event the environment refuses moves the release neither.
    const next = to === null ? null : nextStatus(status, releaseEvent(event, at === length - 1));
    const released = next === "released" && status !== "released";
    if (next !== null) status = next;
    moves.push({ at, event, from, to, status, released, last: path[length - 1].state });
  };
  for (const c of commands) {
    if (c.op === "start") {
      const at = c.at % length;
      const event = startEvent(c.kind);
      // The gate: both tables, and the promotion rule for a deploy.
      if (nextStatus(status, releaseEvent(event, at === length - 1)) === null || nextEnvironmentState(path[at].state, event) === null) continue;
      if (c.kind === "deploy") {
        try {
          assertPromoted(path, path[at].environment, 0, new Date());
        } catch {
          continue;
        }
      }
      running.push({ kind: c.kind, at, startedIn: path[at].state });
      move(at, event);
    } else if (c.op === "finish") {
      const run = running.splice(c.run % Math.max(running.length, 1), 1)[0];
      if (run) move(run.at, finishEvent(run.kind, c.outcome, run.startedIn));
    } else {
      const next = nextStatus(status, c.event);
      if (next !== null) status = next;
    }
  }
  return { status, path, moves };
}

describe("a release promoted along a path", () => {
  it("moves each environment by its table only, and is released only when the last environment's deploy is verified", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(pathCommand, { maxLength: 80 }), (length, commands) => {
        const { moves, status, path } = playPath(length, commands);
        for (const m of moves) {
          if (m.to !== null) expect(ENVIRONMENT_TRANSITIONS[m.from][m.event]).toBe(m.to);
          // Released by a check that verified the last environment: it is deployed at that moment.
          if (m.released) {
            expect(m.at).toBe(length - 1);
            expect(m.event).toBe("check.succeeded");
            expect(m.to).toBe("deployed");
          }
          // The release is verifying only while its last environment is.
          if (m.status === "verifying") expect(m.last).toBe("verifying");
        }
        // A release deploying or beyond has started a deploy somewhere on its path.
        if (["deploying", "verifying", "released", "rolled_back"].includes(status))
          expect(moves.some((m) => m.event === "deploy.start" && m.to !== null)).toBe(true);
        if (status === "released") expect(path[length - 1].state).not.toBe("pending");
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses production before staging is deployed and verified, and during its wait", () => {
    const at = (state: EnvironmentState, verifiedAt: Date | null = null): PathEntry => ({
      environment: "staging",
      position: 0,
      state,
      runId: null,
      deployedAt: null,
      verifiedAt,
    });
    const production: PathEntry = { environment: "production", position: 1, state: "pending", runId: null, deployedAt: null, verifiedAt: null };
    const now = new Date("2030-01-01T12:00:00Z");
    for (const state of ["pending", "deploying", "verifying", "failed", "rolled_back"] as const) {
      expect(() => assertPromoted([at(state), production], "production", 0, now)).toThrow(expect.objectContaining({ code: "NOT_PROMOTED" }));
    }
    const verified = at("deployed", new Date("2030-01-01T11:45:00Z"));
    expect(() => assertPromoted([verified, production], "production", 30, now)).toThrow(
      expect.objectContaining({ code: "WAITING", details: expect.objectContaining({ until: "2030-01-01T12:15:00.000Z" }) }),
    );
    expect(() => assertPromoted([verified, production], "production", 15, now)).not.toThrow();
    expect(() => assertPromoted([at("pending"), production], "staging", 30, now)).not.toThrow();
  });

  it("runs in the current environment unless told otherwise; a rollback goes where a deploy started", () => {
    const path = [
      { environment: "staging", state: "deployed" as const },
      { environment: "production", state: "pending" as const },
    ];
    expect(defaultEnvironment(path, "deploy", "x")).toBe("production");
    expect(defaultEnvironment(path, "smoke", "x")).toBe("production");
    expect(defaultEnvironment(path, "rollback", "x")).toBe("staging");
    expect(
      defaultEnvironment(
        [
          { environment: "staging", state: "verifying" },
          { environment: "production", state: "failed" },
        ],
        "rollback",
        "x",
      ),
    ).toBe("staging");
    expect(
      defaultEnvironment(
        [
          { environment: "staging", state: "deployed" },
          { environment: "production", state: "failed" },
        ],
        "rollback",
        "x",
      ),
    ).toBe("production");
  });
});
