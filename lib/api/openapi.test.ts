import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routeModules } from "@/app/api/openapi.json/route-modules";
import { GET } from "@/app/api/openapi.json/route";
import { openApiDocument } from "@/lib/api/openapi";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const toPath = (file: string) =>
  "/api" +
  path
    .dirname(path.relative(API_DIR, file))
    .replace(/^\.$/, "")
    .replace(/\[\.{3}(\w+)\]/g, "{$1}")
    .replace(/\[(\w+)\]/g, "{$1}")
    .replace(/^(?!\/)/, "/");

describe("the API reference", () => {
  const document = openApiDocument([...routeModules, { path: "/api/openapi.json", module: { GET } }]);

  it("has a path for every route file of app/api", () => {
    const expected = routeFiles(API_DIR)
      .map(toPath)
      .filter((p) => p !== "/api/auth/{nextauth}")
      .sort();
    expect(Object.keys(document.paths).sort()).toEqual(expected);
  });

  it("describes each method a route file exports, with who may call it", () => {
    for (const { path: p, module } of routeModules) {
      const exported = Object.keys(module).filter((k) => ["GET", "POST", "PUT", "PATCH", "DELETE"].includes(k));
      expect(Object.keys(document.paths[p]).sort(), p).toEqual(exported.map((m) => m.toLowerCase()).sort());
    }
    const tick = document.paths["/api/releases/{id}/items/{itemId}"].patch as { description: string; parameters: { name: string }[]; requestBody: unknown };
    expect(tick.description).toMatch(/Who: .*manager/);
    expect(tick.parameters.map((p) => p.name)).toEqual(["id", "itemId"]);
    expect(tick.requestBody).toMatchObject({
      content: { "application/json": { schema: { type: "object", required: expect.arrayContaining(["checked", "version"]) } } },
    });
  });

  it("says what every operation answers: a JSON schema, another media type, or no body (204)", () => {
    type Operation = { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> };
    const undocumented: string[] = [];
    for (const [p, operations] of Object.entries(document.paths)) {
      if (p === "/api/auth/{nextauth}") continue;
      for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
        const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        const said = successes.length > 0 && successes.every(([status, r]) => status === "204" || Object.keys(r.content ?? {}).length > 0);
        if (!said) undocumented.push(`${method.toUpperCase()} ${p}`);
      }
    }
    expect(undocumented).toEqual([]);
    const media = (p: string, method = "get") =>
      Object.entries((document.paths[p][method] as Operation).responses)
        .filter(([status]) => status.startsWith("2"))
        .flatMap(([, r]) => Object.keys(r.content ?? {}));
    expect(media("/api/releases/{id}/stream")).toEqual(["text/event-stream"]);
    expect(media("/api/calendar.ics")).toEqual(["text/calendar"]);
    expect(media("/api/releases/{id}/notes.md")).toEqual(["text/markdown"]);
    expect(media("/api/releases/{id}/audit").sort()).toEqual(["application/json", "text/csv"]);
    expect(Object.keys((document.paths["/api/environments/{name}/secrets/{key}"].put as Operation).responses)).toContain("204");
    expect((document.paths["/api/releases/{id}/decisions"].post as Operation).responses).toHaveProperty("200");
  });
});
