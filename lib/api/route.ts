// The one route wrapper: authenticate (session cookie or bearer token), check the role, refuse cross-site
// cookie mutations, parse params / query / body with zod, run the business function, map every error.
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { assertSameOrigin, authenticate } from "@/lib/auth/authenticate";
import { hasRole, hasScope, type Caller } from "@/lib/auth/roles";
import { shareCaller, shareTokenFrom, type ShareCaller } from "@/lib/auth/share-caller";
import type { Role, TokenScope } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { isSchema, type OtherAnswer } from "@/lib/api/answers";
import { mapError } from "@/lib/api/map-error";
import { assertDeclaredLength, DEFAULT_MAX_BODY_BYTES, readCappedBody } from "@/lib/api/read-body";
import { config } from "@/lib/config";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

type Spec<P, Q, B, Res = Schema | OtherAnswer> = {
  /** Roles allowed to call; "public" skips authentication. */
  roles: readonly Role[] | "public";
  /**
   * The API token scope this route needs (lib/schemas/token.ts). Unsaid: `read` for GET and HEAD, `admin` for every
   * other method, so a route nobody thought about is closed to narrow tokens rather than open.
   */
  scope?: TokenScope;
  params?: P;
  query?: Q;
  body?: B;
  /** "text" hands the raw body (e.g. Markdown) to the body schema instead of parsed JSON. */
  bodyKind?: "json" | "text";
  /** An empty body is parsed as `{}` (every field optional), e.g. POST /api/releases/:id/share. */
  bodyOptional?: boolean;
  /** Read while it streams, chunked bodies too: past this the request gets 413 (lib/api/read-body.ts). 1 MiB by default. */
  maxBodyBytes?: number;
  status?: number;
  /**
   * What a successful answer looks like (lib/schemas/). The API reference (GET /api/openapi.json) is generated
   * from it, and outside production every answer is checked against it: a route that drifts from its contract
   * fails its tests instead of surprising a client. The handler's result must be the schema's type (or a Response
   * it builds itself). No body or another media type: `noContent()`, `textAnswer(...)` (lib/api/answers.ts).
   */
  response: Res;
  /** Other answers the handler sends itself: a CSV beside the JSON, 200 beside 201, 503 beside 200. */
  alsoAnswers?: OtherAnswer[];
  /** One line for the API reference; the route file's header says the same. */
  summary?: string;
  /**
   * Also accept a share link's token (`?share=` or `Authorization: Share ...`) as a read-only caller of the release
   * in the path's `id`. Only the timeline and its stream say so; the token is no credential anywhere else.
   */
  share?: boolean;
};

type Ctx<P, Q, B, Auth> = {
  req: NextRequest;
  caller: Auth;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
};

/** What the handler may return: the response schema's type (the wrapper sends it as JSON), or a Response of its own. */
type Answer<Res> = Res extends z.ZodType ? z.input<Res> | Response : Response;

type CallerOf<Roles, S> = (Roles extends "public" ? Caller | null : Caller) | (S extends true ? ShareCaller : never);

type NextCtx = { params: Promise<Record<string, string | string[]>> };

export function route<
  Roles extends readonly Role[] | "public",
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  Res extends Schema | OtherAnswer = Schema,
  S extends boolean = false,
>(spec: Spec<P, Q, B, Res> & { roles: Roles; share?: S }, handler: (ctx: Ctx<P, Q, B, CallerOf<Roles, S>>) => Promise<Answer<Res>>) {
  const handle = async (req: NextRequest, nextCtx: NextCtx): Promise<Response> => {
    try {
      // A body declared too large is refused before the database is asked anything about the caller.
      if (spec.body) assertDeclaredLength(req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const shareToken = spec.share ? shareTokenFrom(req) : null;
      const caller = shareToken ? await shareCaller(shareToken) : await authorise(req, spec.roles, spec.scope ?? defaultScope(req.method));
      const params = await parseParams(spec.params, await nextCtx.params);
      // A share token opens its own release only; another release looks unknown.
      if (shareToken && (params as { id?: unknown } | undefined)?.id !== (caller as ShareCaller).releaseId) throw new AppError("NOT_FOUND", "Not found");
      const rawQuery = Object.fromEntries(req.nextUrl.searchParams);
      if (spec.share) delete rawQuery.share;
      const query = spec.query ? spec.query.parse(rawQuery) : undefined;
      const body = spec.body
        ? spec.body.parse(await readBody(req, spec.bodyKind ?? "json", spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, spec.bodyOptional))
        : undefined;
      const result = await handler({ req, caller, params, query, body } as Ctx<P, Q, B, CallerOf<Roles, S>>);
      if (result instanceof Response) return result;
      if (!isSchema(spec.response)) throw new Error(`${req.method} ${req.nextUrl.pathname}: a route without a JSON answer must build its Response`);
      if (config().NODE_ENV !== "production") assertContract(spec.response, result, req);
      return NextResponse.json(result ?? null, { status: spec.status ?? 200 });
    } catch (err) {
      const { status, body, headers } = mapError(err);
      return NextResponse.json(body, { status, headers });
    }
  };
  // The API reference reads each handler's contract (lib/api/openapi.ts).
  return Object.assign(handle, { contract: spec as RouteContract });
}

/** What a route declares about itself, for the API reference. */
export type RouteContract = Pick<
  Spec<Schema, Schema, Schema>,
  "params" | "query" | "body" | "bodyKind" | "status" | "response" | "alsoAnswers" | "summary" | "share"
> & {
  roles: readonly Role[] | "public";
};

function assertContract(schema: Schema, result: unknown, req: NextRequest) {
  const parsed = schema.safeParse(JSON.parse(JSON.stringify(result ?? null)));
  if (parsed.success) return;
  console.error(`[api] ${req.method} ${req.nextUrl.pathname} answered outside its response schema:`, parsed.error.issues.slice(0, 5));
  throw new Error(`${req.method} ${req.nextUrl.pathname}: the answer does not match its response schema`);
}

function defaultScope(method: string): TokenScope {
  return method === "GET" || method === "HEAD" ? "read" : "admin";
}

async function authorise(req: NextRequest, roles: readonly Role[] | "public", scope: TokenScope): Promise<Caller | null> {
  if (roles === "public") return null;
  const caller = await authenticate(req);
  if (!caller) throw new AppError("UNAUTHENTICATED", "Sign in or send an API token (Authorization: Bearer ...)");
  if (!hasRole(caller, roles)) throw new AppError("FORBIDDEN", `This needs one of the roles: ${roles.join(", ")}`);
  if (!hasScope(caller, scope)) throw new AppError("FORBIDDEN", `This API token lacks the scope "${scope}"`);
  assertSameOrigin(req, caller);
  return caller;
}

/** A malformed id in the path is "not found", the same answer an unknown one gets. */
async function parseParams(schema: Schema | undefined, raw: Record<string, string | string[]>) {
  if (!schema) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("NOT_FOUND", "Not found");
  return parsed.data;
}

async function readBody(req: NextRequest, kind: "json" | "text", maxBytes: number, optional = false): Promise<unknown> {
  const buffer = await readCappedBody(req, maxBytes);
  if (kind === "text") return buffer;
  if (buffer.byteLength === 0 && optional) return {};
  if (buffer.byteLength === 0) throw new AppError("BAD_REQUEST", "A JSON body is required");
  try {
    return JSON.parse(buffer.toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON");
  }
}
