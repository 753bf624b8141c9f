import { z } from "zod";

// Step configs of a procedure, shared by the runbook importer, the template API and the worker.
// Nothing here is executed at import; the worker reads these shapes when a run reaches the step.

export const ZStepKind = z.enum(["command", "http", "wait", "gate", "watch"]);
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

export const ZWatchStep = z
  .object({
    kind: z.literal("watch"),
    text: ZText,
    source: ZWatchSource,
    healthy: z.object({ op: z.enum(["<", "<=", ">", ">="]), value: z.number() }).strict(),
    unit: z.string().max(20).optional(),
    intervalSec: z.number().min(0.05).max(3600).default(10),
    durationSec: z.number().min(0).max(86_400).default(300),
    failAfter: z.number().int().min(1).max(1000).default(1),
    maxMissing: z.number().int().min(1).max(1000).default(3),
  })
  .strict();
export type TWatchStep = z.output<typeof ZWatchStep>;

export const ZStep = z.discriminatedUnion("kind", [ZCommandStep, ZHttpStep, ZWaitStep, ZGateStep, ZWatchStep]);
export type TStep = z.infer<typeof ZStep>;
