import { z } from "zod";

// Step configs of a procedure, shared by the runbook importer, the template API and the worker.
// Nothing here is executed at import; the worker reads these shapes when a run reaches the step.

export const ZStepKind = z.enum(["command", "http", "wait", "gate"]);
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

export const ZHttpRequest = z
  .object({
    method: ZHttpMethod,
    url: z.string().min(1),
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

export const ZStep = z.discriminatedUnion("kind", [ZCommandStep, ZHttpStep, ZWaitStep, ZGateStep]);
export type TStep = z.infer<typeof ZStep>;
