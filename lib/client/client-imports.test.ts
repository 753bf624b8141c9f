// Clients type from lib/schemas: no component, client hook or "use client" page imports anything (types included)
// from a server data module, one that touches the database (`import "server-only"` or lib/db). An ESLint pattern
// cannot tell those modules by their path (pure and database functions share a domain folder), so this reads them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");

function resolve(specifier: string): string | null {
  const base = specifier.replace(/^@\//, "");
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(ROOT, candidate))) ?? null;
}

/** A module that touches the database: the browser must not even name its types. */
function isServerModule(rel: string): boolean {
  return /^import "server-only";/m.test(read(rel)) || /from "@\/lib\/db"/.test(read(rel));
}

const clientFiles = () => [
  ...files("components"),
  ...files("lib/client"),
  ...files("app").filter((f) => !f.startsWith(path.join("app", "api")) && /^["']use client["']/.test(read(f))),
];

describe("what clients import", () => {
  it("tells a server data module from a pure one", () => {
    expect(isServerModule("lib/releases/get-release.ts")).toBe(true);
    expect(isServerModule("lib/decisions/readiness.ts")).toBe(true);
    expect(isServerModule("lib/schemas/release.ts")).toBe(false);
    expect(isServerModule("lib/canary/canary-progress.ts")).toBe(false);
  });

  it("components, client hooks and client pages import types from lib/schemas, never from a server data module", () => {
    const offenders = clientFiles().flatMap((file) =>
      [...read(file).matchAll(/from "(@\/lib\/[^"]+)"/g)]
        .map((m) => resolve(m[1]))
        .filter((target): target is string => target !== null && !target.startsWith("lib/schemas/") && isServerModule(target))
        .map((target) => `${file} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });
});
