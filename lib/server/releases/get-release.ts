import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getReadiness } from "@/lib/server/decisions/readiness";
import { releaseInclude, toReleaseView } from "@/lib/server/releases/release-view";

export async function getRelease(id: string) {
  const release = await db().release.findUnique({ where: { id }, include: releaseInclude });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  return { ...toReleaseView(release), managerId: release.managerId, readiness: await getReadiness(id) };
}

export type ReleaseDetail = Awaited<ReturnType<typeof getRelease>>;
