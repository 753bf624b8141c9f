import { describe, expect, it } from "vitest";
import { pipelineOf, resolveRunPlan, runStepsOf, type PlanProcedureRow } from "@/lib/runs/pipeline";

const step = (text: string) => ({ kind: "command", text, config: { command: `echo ${text}` } });
const proc = (name: string, kind: PlanProcedureRow["kind"], environment: string | null, pipelinePosition: number | null): PlanProcedureRow => ({
  name,
  kind,
  environment,
  pipelinePosition,
  steps: [step(name.toLowerCase())],
});

const PLAN = [
  proc("Ship", "deploy", null, null),
  proc("Deploy app", "deploy", "staging", 1),
  proc("Migrate", "custom", "staging", 0),
  proc("Prepare", "custom", null, 0),
  proc("Roll out", "deploy", null, 1),
  proc("Smoke", "smoke", null, null),
];

describe("which procedures a run is made of", () => {
  it("a deploy runs the environment's own pipeline by position, else the default one", () => {
    expect(pipelineOf(PLAN, "staging").map((p) => p.name)).toEqual(["Migrate", "Deploy app"]);
    expect(pipelineOf(PLAN, "production").map((p) => p.name)).toEqual(["Prepare", "Roll out"]);
    expect(resolveRunPlan(PLAN, "deploy", "staging")).toMatchObject({ name: "staging pipeline", kind: "deploy", pipeline: true });
  });

  it("without any pipeline, deploy is the first unbound deploy procedure; a name runs that procedure alone", () => {
    const plain = PLAN.filter((p) => p.pipelinePosition === null);
    expect(resolveRunPlan(plain, "deploy", "production")).toMatchObject({ name: "Ship", pipeline: false });
    expect(resolveRunPlan(PLAN, "Migrate", "staging")).toMatchObject({ name: "Migrate", pipeline: false });
    expect(resolveRunPlan(PLAN, "smoke", "production")).toMatchObject({ name: "Smoke" });
  });

  it("refuses a procedure of another environment's pipeline, naming the field", () => {
    expect(() => resolveRunPlan(PLAN, "Migrate", "production")).toThrow(expect.objectContaining({ status: 422, details: { field: "procedure" } }));
    expect(() => resolveRunPlan(PLAN, "verify", "staging")).toThrow(expect.objectContaining({ status: 422 }));
  });

  it("numbers a pipeline's steps across its procedures and marks each with its procedure", () => {
    const steps = runStepsOf(resolveRunPlan(PLAN, "deploy", "staging"));
    expect(steps.map((s) => [s.position, s.procedureName, s.text])).toEqual([
      [0, "Migrate", "migrate"],
      [1, "Deploy app", "deploy app"],
    ]);
    expect(runStepsOf(resolveRunPlan(PLAN, "Smoke", "staging")).map((s) => s.procedureName)).toEqual([null]);
  });
});
