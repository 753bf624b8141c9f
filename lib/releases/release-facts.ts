import type { Release } from "@/lib/generated/prisma/client";

/** What every view of a release starts with: its identity, type, environment, status and T-0. */
export function releaseFacts(r: Pick<Release, "id" | "name" | "version" | "type" | "environment" | "status" | "scheduledAt">) {
  return { id: r.id, name: r.name, version: r.version, type: r.type, environment: r.environment, status: r.status, scheduledAt: r.scheduledAt.toISOString() };
}
