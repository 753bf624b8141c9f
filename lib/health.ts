import "server-only";
import { db } from "@/lib/db";
import { queueHealth } from "@/lib/queue/backend";
import type { THealth } from "@/lib/schemas/health";

const TIMEOUT_MS = 2_000;

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function databaseHealth(): Promise<string> {
  try {
    await within(db().$queryRaw`SELECT 1`, "the database");
    return "ok";
  } catch (err) {
    console.error("[health] database:", (err as Error).message);
    return "unavailable";
  }
}

export async function health(): Promise<THealth & { httpStatus: 200 | 503 }> {
  const [database, queue] = await Promise.all([
    databaseHealth(),
    within(queueHealth(), "the queue").catch((err: Error) => {
      console.error("[health] queue:", err.message);
      return "unavailable";
    }),
  ]);
  const ok = database === "ok" && queue === "ok";
  return { status: ok ? "ok" : "degraded", database, queue, httpStatus: ok ? 200 : 503 };
}
