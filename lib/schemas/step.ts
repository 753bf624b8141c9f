import { z } from "zod";

// Step configs of a procedure, shared by the runbook importer, the template API and the worker.
// Nothing here is executed at import; the worker reads these shapes when a run reaches the step.

export const ZStepKind = z.enum(["command", "http", "wait", "gate", "watch", "canary"]);
export type TStepKind = z.infer<typeof ZStepKind>;

const ZText = z.string();

export const ZCommandStep = z
  .object({
    kind: z.literal("command"),
    text: ZText,
    command: z.string().min(1),
    timeoutSec: z.number().int().positive().optional(),
  })
  .strict();
export type TCommandStep = z.infer<typeof ZCommandStep>;

export const ZHttpMethod = z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
export type THttpMethod = z.infer<typeof ZHttpMethod>;

/** An absolute http(s) URL without whitespace: what an http step and the importer's curl conversion accept. */
export const HTTP_URL = /^https?:\/\/[^\s/?#]+\S*$/i;

export const ZHttpRequest = z
  .object({
    method: ZHttpMethod,
    url: z.string().regex(HTTP_URL, "must be an http:// or https:// URL"),
    headers: z.record(z.string(), z.string()),
    body: z.string().optional(),
    followRedirects: z.boolean().optional(),
  })
  .strict();
export type THttpRequest = z.infer<typeof ZHttpRequest>;

const ZStatusCode = z.number().int().min(100).max(599);

export const ZHttpStatusExpect = z
  .object({
    anyOf: z.array(ZStatusCode).min(1).optional(),
    min: ZStatusCode.optional(),
    max: ZStatusCode.optional(),
  })
  .strict();
export type THttpStatusExpect = z.infer<typeof ZHttpStatusExpect>;

/**
 * What a response must satisfy. Header names are matched case-insensitively, and an entry of
 * `headerPresent` / `headerAbsent` matches every header whose name starts with it: that is what
 * `curl -I ... | grep -i "strict-transport"` checks in the runbooks these come from.
 * `headerMatches[].pattern` is a case-insensitive regular expression on the header's value.
 */
export const ZHttpExpect = z
  .object({
    status: ZHttpStatusExpect.optional(),
    bodyContains: z.array(z.string().min(1)).optional(),
    jsonPath: z.array(z.object({ path: z.string().min(1), equals: z.unknown() }).strict()).optional(),
    headerPresent: z.array(z.string().min(1)).optional(),
    headerAbsent: z.array(z.string().min(1)).optional(),
    headerMatches: z.array(z.object({ name: z.string().min(1), pattern: z.string().min(1) }).strict()).optional(),
    maxLatencyMs: z.number().int().positive().optional(),
  })
  .strict();
export type THttpExpect = z.infer<typeof ZHttpExpect>;

export const ZHttpStep = z
  .object({
    kind: z.literal("http"),
    text: ZText,
    /** The original curl command the step was imported from, if any. */
    command: z.string().optional(),
    request: ZHttpRequest,
    expect: ZHttpExpect,
    retries: z.number().int().min(0).max(100).optional(),
    retryIntervalSec: z.number().min(0).optional(),
    timeoutSec: z.number().positive().optional(),
  })
  .strict();
export type THttpStep = z.infer<typeof ZHttpStep>;

export const ZWaitStep = z
  .object({
    kind: z.literal("wait"),
    text: ZText,
    seconds: z.number().int().min(0),
  })
  .strict();
export type TWaitStep = z.infer<typeof ZWaitStep>;

/** A manual step: a person confirms it before the run goes on. */
export const ZGateStep = z
  .object({
    kind: z.literal("gate"),
    text: ZText,
  })
  .strict();
export type TGateStep = z.infer<typeof ZGateStep>;

/**
 * Watches a metric during a run: a sample every `intervalSec` for `durationSec`, healthy while
 * `sample <op> value` holds (e.g. error rate < 0.5). Fails after `failAfter` unhealthy samples in a row; a sample
 * that cannot be read counts as unhealthy once `maxMissing` of them come in a row.
 */
export const ZWatchSource = z.discriminatedUnion("type", [
  z.object({ type: z.literal("json"), url: z.string().min(1), path: z.string().min(1), headers: z.record(z.string(), z.string()).optional() }).strict(),
  z.object({ type: z.literal("prometheus"), url: z.string().min(1), query: z.string().min(1), headers: z.record(z.string(), z.string()).optional() }).strict(),
]);
export type TWatchSource = z.infer<typeof ZWatchSource>;

export const ZWatchOp = z.enum(["<", "<=", ">", ">="]);
export type TWatchOp = z.infer<typeof ZWatchOp>;

/**
 * A stricter limit for the first `minutes` after the release's T-0 (its scheduled time): a sample taken in that
 * window is judged against `value` instead of `healthy.value`. "Stricter" is checked: for `<` / `<=` the value
 * may not be higher, for `>` / `>=` not lower.
 */
export const ZReleaseWindow = z.object({ minutes: z.number().int().min(1).max(1440), value: z.number() }).strict();

const watchFields = {
  source: ZWatchSource,
  healthy: z.object({ op: ZWatchOp, value: z.number() }).strict(),
  unit: z.string().max(20).optional(),
  intervalSec: z.number().min(0.05).max(3600).default(10),
  failAfter: z.number().int().min(1).max(1000).default(1),
  maxMissing: z.number().int().min(1).max(1000).default(3),
  releaseWindow: ZReleaseWindow.optional(),
};

function checkStricter(w: { healthy: { op: TWatchOp; value: number }; releaseWindow?: { value: number } }, ctx: z.RefinementCtx) {
  if (!w.releaseWindow) return;
  const lower = w.healthy.op === "<" || w.healthy.op === "<=";
  const ok = lower ? w.releaseWindow.value <= w.healthy.value : w.releaseWindow.value >= w.healthy.value;
  if (!ok)
    ctx.addIssue({ code: "custom", path: ["releaseWindow", "value"], message: `must be stricter than the usual limit (${w.healthy.op} ${w.healthy.value})` });
}

export const ZWatchStep = z
  .object({
    kind: z.literal("watch"),
    text: ZText,
    ...watchFields,
    durationSec: z.number().min(0).max(86_400).default(300),
  })
  .strict()
  .superRefine(checkStricter);
export type TWatchStep = z.output<typeof ZWatchStep>;

/** One reading of a watch step, kept in its result and drawn by the run page and the timeline. */
export type WatchSample = { n: number; at: string; value: number | null; healthy: boolean; error?: string; limit?: number };

/** The metric a canary watches during each stage's bake: a watch step without a duration (the bake is the duration). */
export const ZCanaryWatch = z
  .object({ text: ZText.default(""), ...watchFields })
  .strict()
  .superRefine(checkStricter);
export type TCanaryWatch = z.output<typeof ZCanaryWatch>;

export const ZCanaryStage = z
  .object({
    /** Percent of traffic the new version takes in this stage. */
    weight: z.number().int().min(1).max(100),
    /** How long the stage runs (with the watch holding) before it is promoted. */
    bakeSec: z.number().int().min(0).max(86_400),
    /** `manual`: a gate a release manager continues; `auto`: the next stage starts once the bake held. */
    promotion: z.enum(["auto", "manual"]).default("auto"),
  })
  .strict();
export type TCanaryStage = z.output<typeof ZCanaryStage>;

export const WEIGHT_PLACEHOLDER = "{{weight}}";

/**
 * A canary rollout, kept in a template's procedure as one step and expanded into ordinary steps when a run is
 * created (lib/canary/expand-canary.ts): per stage, the weight command with `{{weight}}` replaced by the stage's
 * (validated integer) weight, a bake (the watch, or a wait without one), and a gate when promotion is manual.
 */
export const ZCanaryStepFields = z
  .object({
    kind: z.literal("canary"),
    text: ZText,
    weightCommand: z
      .string()
      .min(1)
      .max(4000)
      .refine((c) => c.includes(WEIGHT_PLACEHOLDER), `must contain ${WEIGHT_PLACEHOLDER} where the stage's weight goes`),
    timeoutSec: z.number().int().positive().max(86_400).optional(),
    stages: z.array(ZCanaryStage).min(1, "a canary needs at least one stage").max(20),
    watch: ZCanaryWatch.optional(),
  })
  .strict();

export function checkIncreasingWeights(c: { stages: { weight: number }[] }, ctx: z.RefinementCtx) {
  c.stages.forEach((stage, i) => {
    if (i > 0 && stage.weight <= c.stages[i - 1].weight) {
      ctx.addIssue({ code: "custom", path: ["stages", i, "weight"], message: `weights must increase: ${stage.weight} follows ${c.stages[i - 1].weight}` });
    }
  });
}

export const ZCanaryStep = ZCanaryStepFields.superRefine(checkIncreasingWeights);
export type TCanaryStep = z.output<typeof ZCanaryStep>;

export const ZStep = z.discriminatedUnion("kind", [ZCommandStep, ZHttpStep, ZWaitStep, ZGateStep, ZWatchStep, ZCanaryStep]);
export type TStep = z.infer<typeof ZStep>;
