// The API reference, generated from the routes' own schemas (zod 4's JSON Schema output): each route handler
// carries its contract (lib/api/route.ts), so what the reference says is what the wrapper enforces.
import { z } from "zod";
import { isSchema, type OtherAnswer } from "@/lib/api/answers";
import type { RouteContract } from "@/lib/api/route";

export type RouteModule = { path: string; module: Record<string, unknown> };
type JsonSchema = Record<string, unknown>;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // Transforms and refinements have no JSON Schema: they show as "any value" rather than failing the document.
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties).map(([name, s]) => ({ name, in: where, required: where === "path" || required.includes(name), schema: s }));
}

function operation(method: string, contract: RouteContract) {
  const who = contract.roles === "public" ? "anyone" : contract.roles.join(", ");
  const body = contract.body
    ? {
        requestBody: {
          required: true,
          content:
            contract.bodyKind === "text"
              ? { "text/markdown": { schema: { type: "string" } } }
              : { "application/json": { schema: jsonSchema(contract.body, "input") } },
        },
      }
    : {};
  return {
    summary: contract.summary,
    description: `Who: ${who}${contract.share ? ", or a share link's token" : ""}.`,
    parameters: [...parameters(contract.params, "path"), ...parameters(contract.query, "query")],
    ...body,
    responses: {
      ...successes(contract),
      "4XX": { description: "The caller's mistake: the code and message say which", content: { "application/json": { schema: ERROR } } },
    },
    ...(contract.roles === "public" ? {} : { security: [{ session: [] }, { bearer: [] }] }),
  };
}

/** The route's own answer and the others it declares, by status; two answers with one status share it (JSON or CSV). */
function successes(contract: RouteContract) {
  const main: OtherAnswer = isSchema(contract.response)
    ? { status: contract.status ?? 200, description: "Success", schema: contract.response }
    : contract.response;
  const out: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }> = {};
  for (const answer of [main, ...(contract.alsoAnswers ?? [])]) {
    const entry = (out[String(answer.status)] ??= { description: answer.description });
    if (entry.description !== answer.description) entry.description += `; ${answer.description}`;
    const media = answer.schema ? "application/json" : answer.contentType;
    if (!media) continue;
    entry.content = { ...entry.content, [media]: { schema: answer.schema ? jsonSchema(answer.schema, "output") : { type: "string" } } };
  }
  return out;
}

export function openApiDocument(routes: RouteModule[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, module } of routes) {
    for (const method of METHODS) {
      const handler = module[method] as { contract?: RouteContract } | undefined;
      if (!handler?.contract) continue;
      (paths[path] ??= {})[method.toLowerCase()] = operation(method, handler.contract);
    }
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Countdown API",
      version: "1",
      description: "Release management: templates, releases, decisions, runs, timelines. Errors are { error: { code, message, details? } }.",
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
        bearer: { type: "http", scheme: "bearer", description: "An API token (npm run token)" },
      },
    },
    paths,
  };
}
