import { z } from "zod";
import { HOST_PATTERN, normaliseHostName } from "@/lib/environments/allowed-hosts";

/** An environment's name: also how releases, runs, freezes and locks refer to it. */
export const ZEnvironmentName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, dot, dash and underscore");

/** What a variable or secret is called in a command's environment (`$DEPLOY_TOKEN`). */
export const VARIABLE_NAME = /^[A-Z_][A-Z0-9_]*$/;
export const ZVariableName = z.string().max(100).regex(VARIABLE_NAME, "upper-case letters, digits and underscore, not starting with a digit");

/** Shorter values could not be masked in output without blanking ordinary text (lib/secrets/mask-secrets.ts). */
export const MIN_SECRET_VALUE_LENGTH = 6;
export const MAX_SECRET_VALUE_LENGTH = 16_000;

export const ZVariables = z.record(ZVariableName, z.string().max(4000)).refine((v) => Object.keys(v).length <= 100, "at most 100 variables");
export type TVariables = z.output<typeof ZVariables>;

/** Roles that can start runs at all (POST /api/releases/:id/runs); an environment may narrow them. */
export const ZDeployerRole = z.enum(["admin", "manager"]);

/** A host an environment's http and watch steps may reach: a host name, an address, or "*." and a domain. */
export const ZAllowedHost = z
  .string()
  .max(253)
  .transform(normaliseHostName)
  .refine((host) => HOST_PATTERN.test(host), "a host name (api.example.com), an address, or *.example.com");

export const ZProtection = z
  .object({
    /** null: the release's approval policy alone; 0: the go/no-go does not gate deploys here; n: the stricter of n and the policy. */
    requiredGoes: z.number().int().min(0).max(50).nullable(),
    waitMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 1440),
    deployers: z
      .array(ZDeployerRole)
      .min(1, "at least one role must be able to deploy")
      .transform((roles) => [...new Set(roles)]),
    /** Empty: any host. */
    allowedHosts: z
      .array(ZAllowedHost)
      .max(100)
      .transform((hosts) => [...new Set(hosts)]),
  })
  .strict();
export type TProtection = z.output<typeof ZProtection>;

export const DEFAULT_PROTECTION: TProtection = { requiredGoes: null, waitMinutes: 0, deployers: ["admin", "manager"], allowedHosts: [] };

export const ZCreateEnvironment = z
  .object({
    name: ZEnvironmentName,
    position: z.number().int().min(0).max(1000).optional(),
    variables: ZVariables.default({}),
    protection: ZProtection.partial().strict().optional(),
  })
  .strict();
export type TCreateEnvironment = z.output<typeof ZCreateEnvironment>;

/** The name stays: releases, runs and freezes refer to the environment by it. */
export const ZUpdateEnvironment = z
  .object({
    position: z.number().int().min(0).max(1000).optional(),
    variables: ZVariables.optional(),
    protection: ZProtection.partial().strict().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "send at least one of position, variables, protection", path: ["position"] });
export type TUpdateEnvironment = z.output<typeof ZUpdateEnvironment>;

export const ZEnvironmentParams = z.object({ name: ZEnvironmentName });
/** The key is checked in setSecret / deleteSecret, so a bad one is a 422 naming `key` rather than a 404. */
export const ZSecretParams = z.object({ name: ZEnvironmentName, key: z.string().min(1).max(200) });
/** The value's length is checked in setSecret (422 naming `value`); its text never appears in an error. */
export const ZSetSecret = z.object({ value: z.string().max(MAX_SECRET_VALUE_LENGTH) }).strict();
export type TSetSecret = z.output<typeof ZSetSecret>;

export const ZEnvironmentAuditQuery = z
  .object({
    environment: ZEnvironmentName.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type TEnvironmentAuditQuery = z.output<typeof ZEnvironmentAuditQuery>;

export const ENVIRONMENT_AUDIT_TYPES = ["environment.created", "environment.updated", "environment.deleted", "secret.set", "secret.deleted"] as const;
export type EnvironmentAuditType = (typeof ENVIRONMENT_AUDIT_TYPES)[number];

/** What GET /api/environments says about one environment: secret names and times, never their values (strict: no more). */
export const ZEnvironmentView = z
  .object({
    name: z.string(),
    position: z.number().int(),
    variables: z.record(z.string(), z.string()),
    secrets: z.array(z.object({ name: z.string(), updatedAt: z.string() }).strict()),
    protection: z
      .object({ requiredGoes: z.number().int().nullable(), waitMinutes: z.number().int(), deployers: z.array(z.string()), allowedHosts: z.array(z.string()) })
      .strict(),
    recentDeploys: z.array(
      z
        .object({
          runId: z.string(),
          releaseId: z.string(),
          release: z.string(),
          procedure: z.string(),
          kind: z.string(),
          status: z.string(),
          requestedBy: z.string().nullable(),
          createdAt: z.string(),
          finishedAt: z.string().nullable(),
        })
        .strict(),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export type TEnvironmentView = z.output<typeof ZEnvironmentView>;

/** GET /api/environments: every environment in path order. */
export const ZEnvironmentList = z.object({ environments: z.array(ZEnvironmentView) }).strict();
export type TEnvironmentList = z.output<typeof ZEnvironmentList>;

/** DELETE /api/environments/:name: the name that was removed. */
export const ZEnvironmentDeleted = z.object({ deleted: z.string() }).strict();
export type TEnvironmentDeleted = z.output<typeof ZEnvironmentDeleted>;

/** GET /api/audit/environments: changes to environments and secrets, newest first; payloads name keys, never values. */
export const ZEnvironmentAudit = z
  .object({
    events: z.array(
      z
        .object({
          id: z.string(),
          environment: z.string(),
          type: z.string(),
          at: z.string(),
          actor: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }).strict().nullable(),
          payload: z.unknown(),
        })
        .strict(),
    ),
  })
  .strict();
export type TEnvironmentAudit = z.output<typeof ZEnvironmentAudit>;
