// Drill: generated junk against every mutating route (found from app/api/**/route.ts, so a new route is
// fuzzed without anyone listing it): wrong types, missing fields, huge strings, unicode, nested junk, broken
// JSON. No answer may be a 5xx, and every error must be `{ error: { code, message, details? } }`.
// Then oversized bodies, declared (Content-Length) and chunked (no length, sent until the server answers), against
// every mutating route and next-auth's endpoints: a route that reads a body answers 413 PAYLOAD_TOO_LARGE long
// before the client has sent everything; one that reads none answers as it would without the body.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actor, releaseOf, SMALL_PLAN, type Actor } from "@/bench/lib/seed";
import { REPO_ROOT } from "@/scripts/services/database";
import { APP } from "./drill-helpers";

type Route = { method: string; file: string; pattern: string; hasBody: boolean };

function mutatingRoutes(): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const pattern = "/" + path.relative(path.join(REPO_ROOT, "app"), path.dirname(full)).split(path.sep).join("/");
        if (pattern.startsWith("/api/auth")) continue; // next-auth's own endpoints
        for (const m of source.matchAll(/export const (POST|PUT|PATCH|DELETE)\s*=\s*route\(\s*\{([^}]*)\}/g)) {
          routes.push({ method: m[1], file: full, pattern, hasBody: /\bbody:/.test(m[2]) });
        }
      }
    }
  };
  walk(path.join(REPO_ROOT, "app", "api"));
  return routes;
}

const junkValue = fc.oneof(
  fc.anything({ maxDepth: 4, withBigInt: false, withNullPrototype: false, withObjectString: false }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.integer().map((n) => "x".repeat(Math.abs(n) % 300_000)),
  fc.constantFrom(null, true, -1, 0, 1.5, 1e308, "", "deploy", "go", "no-go", "regular", "2030-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000000"),
);
const FIELDS = [
  "checked",
  "version",
  "note",
  "decision",
  "comment",
  "reason",
  "procedure",
  "override",
  "templateId",
  "name",
  "type",
  "environment",
  "scheduledAt",
  "kind",
  "startsAt",
  "endsAt",
  "recurrence",
  "minGoes",
  "groupRules",
  "requiredItem",
];
const body = fc.oneof(
  junkValue,
  fc.dictionary(fc.constantFrom(...FIELDS), junkValue, { maxKeys: 8 }),
  fc.dictionary(fc.string({ maxLength: 20 }), junkValue, { maxKeys: 5 }),
  fc.string({ maxLength: 100 }).map((s) => ({ __raw: `{"broken": ${s}` })),
);

let admin: Actor;
let ids: Record<string, string>;

beforeAll(async () => {
  admin = await actor("admin");
  const release = await releaseOf(admin, {
    phases: SMALL_PLAN,
    procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "hi", command: "echo hi" }] }],
  });
  const run = await fetch(`${APP()}/api/releases/${release.id}/runs`, {
    method: "POST",
    headers: { ...admin.headers, "content-type": "application/json" },
    body: '{"procedure":"verify"}',
  });
  const { runId } = (await run.json()) as { runId: string };
  const step = await db().runStep.findFirstOrThrow({ where: { runId } });
  ids = {
    id: release.id,
    itemId: release.phases[0].items[0].id,
    runId,
    stepId: step.id,
    decisionId: crypto.randomUUID(),
    action: "retry",
    type: "regular",
    templateId: release.template.id,
  };
});

function urlFor(pattern: string): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    if (pattern.startsWith("/api/templates/") && name === "id") return ids.templateId;
    if (pattern.startsWith("/api/freezes/")) return crypto.randomUUID();
    return ids[name] ?? crypto.randomUUID();
  });
}

const routes = mutatingRoutes();

describe("generated bodies against every mutating route", () => {
  it("finds the mutating routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it.each(routes.map((r) => [`${r.method} ${r.pattern}`, r] as const))("%s: no 5xx, errors in the documented shape", async (_name, route) => {
    const count = route.hasBody ? 1_000 : 100;
    const samples = fc.sample(body, { numRuns: count, seed: 8 });
    const bad: string[] = [];
    const url = `${APP()}${urlFor(route.pattern)}`;
    const markdown = route.pattern.endsWith("/import");
    for (let i = 0; i < samples.length; i += 10) {
      await Promise.all(
        samples.slice(i, i + 10).map(async (sample) => {
          const raw =
            sample && typeof sample === "object" && "__raw" in sample
              ? String((sample as { __raw: unknown }).__raw)
              : markdown && typeof sample === "string"
                ? sample
                : (JSON.stringify(sample) ?? "undefined");
          const res = await fetch(url, {
            method: route.method,
            headers: { ...admin.headers, "content-type": markdown ? "text/markdown" : "application/json" },
            body: raw,
          });
          const text = await res.text();
          let shapeOk = res.status < 400;
          if (!shapeOk) {
            try {
              const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
              shapeOk = typeof e?.code === "string" && typeof e.message === "string";
            } catch {
              shapeOk = false;
            }
          }
          if (res.status >= 500 || !shapeOk) bad.push(`${res.status} for ${raw.slice(0, 120)} -> ${text.slice(0, 200)}`);
        }),
      );
    }
    expect(bad.slice(0, 5), `${bad.length} of ${samples.length} bodies`).toEqual([]);
  });
});

const MiB = 1024 * 1024;
/** Far above every route's cap (the largest is the runbook import's 1 MiB). */
const OVERSIZED = 64 * MiB;

type Sent = { status: number; text: string; sent: number; reset?: boolean };

/**
 * Sends up to `total` bytes of "a" in 64 KiB chunks, chunked unless `contentLength` is given, and stops sending as
 * soon as the response arrives: `sent` is how much the server let in before it answered.
 */
function sendLarge(url: string, method: string, headers: Record<string, string>, total: number, contentLength?: number): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method, headers: { ...headers, ...(contentLength !== undefined && { "content-length": String(contentLength) }) } });
    req.on("response", (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, text, sent });
      });
    });
    // Once answered, the server may close the connection under the rest of the upload: that is the point. A route
    // that reads no body may also close it before its answer reaches us (status 0, `reset`).
    req.on("error", (err: Error & { code?: string }) => {
      if (answered) return;
      if (err.code === "ECONNRESET" || err.code === "EPIPE") resolve({ status: 0, text: "", sent, reset: true });
      else reject(err);
    });
    const write = () => {
      while (!answered && sent < total) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) {
          req.once("drain", write);
          return;
        }
      }
      if (!answered) req.end();
    };
    write();
  });
}

const bodyRoutes = [
  ...routes.map((r) => ({ name: `${r.method} ${r.pattern}`, method: r.method, path: r.pattern, readsBody: r.hasBody })),
  { name: "POST /api/auth/callback/credentials", method: "POST", path: "/api/auth/callback/credentials", readsBody: true },
  { name: "POST /api/auth/signout", method: "POST", path: "/api/auth/signout", readsBody: true },
];

describe("oversized and chunked bodies against every route", () => {
  it.each(bodyRoutes.map((r) => [r.name, r] as const))("%s: 413 while the body streams, declared or chunked", async (_name, route) => {
    const headers = {
      ...admin.headers,
      "content-type": route.path.endsWith("/import")
        ? "text/markdown"
        : route.path.startsWith("/api/auth")
          ? "application/x-www-form-urlencoded"
          : "application/json",
    };
    const url = `${APP()}${urlFor(route.path)}`; // ids exist only once beforeAll has run
    for (const [how, contentLength] of [
      ["chunked", undefined],
      ["declared", OVERSIZED],
    ] as const) {
      const res = await sendLarge(url, route.method, headers, OVERSIZED, contentLength);
      const context = `${how}: ${res.status} after ${Math.round(res.sent / 1024)} KiB -> ${res.text.slice(0, 200)}`;
      expect(res.status, context).toBeLessThan(500);
      if (res.reset) expect(route.readsBody, `${context}: the connection was reset before an answer`).toBe(false);
      if (route.readsBody) {
        expect(res.status, context).toBe(413);
        expect((JSON.parse(res.text) as { error: { code: string } }).error.code, context).toBe("PAYLOAD_TOO_LARGE");
      }
      // The answer came long before the 64 MiB were through: the server stopped reading (the kernel's socket buffers take
      // about 4 MiB on loopback, measured against `next start`). A declared length is refused before anything reads the
      // body; on a machine at load 20 one such answer still arrived after ~30 MiB (not reproduced on a quiet server),
      // so for it the bar is only that the answer came before the upload was through.
      expect(res.sent, context).toBeLessThan(how === "chunked" ? 16 * MiB : OVERSIZED);
    }
  });
});
