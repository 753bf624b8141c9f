// Shared by the drills: the app's URL, JSON calls with a token, the documented error shape. (Waiting: test/wait-for.ts.)
import { expect } from "vitest";
import { db } from "@/lib/db";

export const APP = () => process.env.DRILL_APP_URL!;

export async function call(method: string, pathname: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${APP()}${pathname}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the shape check will say so
  }
  return { status: res.status, text, json };
}

export function expectErrorShape(json: unknown, context: string) {
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  expect(typeof error?.code, `${context}: error.code`).toBe("string");
  expect(typeof error?.message, `${context}: error.message`).toBe("string");
}

export const outputOf = (runId: string) => db().outputLine.findMany({ where: { runId }, orderBy: { seq: "asc" }, select: { seq: true, line: true } });
