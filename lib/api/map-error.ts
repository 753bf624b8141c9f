// The one error mapper: every failure a route can meet becomes `{ error: { code, message, details? } }`.
import { ZodError } from "zod";
import { AppError, type ErrorBody } from "@/lib/errors";

type Mapped = { status: number; body: ErrorBody; headers?: Record<string, string> };

function prismaCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof err === "object" && err !== null && (err as Error).name?.startsWith("PrismaClient") && typeof code === "string" ? code : undefined;
}

function isDatabaseDown(err: unknown): boolean {
  const text = `${(err as Error)?.message ?? ""} ${(err as { code?: string })?.code ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|Can't reach database|P1001|P1017|57P01|DatabaseNotReachable/i.test(text);
}

export function mapError(err: unknown): Mapped {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, ...(err.details !== undefined && { details: err.details }) } },
      headers: err.headers,
    };
  }
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
    const first = issues[0];
    const message = first ? `${first.path || "body"}: ${first.message}` : "Invalid input";
    return { status: 400, body: { error: { code: "VALIDATION_FAILED", message, details: { issues } } } };
  }
  switch (prismaCode(err)) {
    case "P2002":
      return { status: 409, body: { error: { code: "CONFLICT", message: "That already exists" } } };
    case "P2025":
      return { status: 404, body: { error: { code: "NOT_FOUND", message: "Not found" } } };
    case "P2028":
      console.error("[api] transaction could not start in time:", (err as Error).message);
      return { status: 503, body: { error: { code: "UNAVAILABLE", message: "Countdown is busy; try again in a moment" } } };
  }
  if (isDatabaseDown(err)) {
    console.error("[api] database unavailable:", (err as Error)?.message);
    return { status: 503, body: { error: { code: "UNAVAILABLE", message: "The database is unavailable; try again shortly" } } };
  }
  console.error("[api] unexpected error:", err);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong on our side" } } };
}
