import "server-only";
import { db } from "@/lib/db";
import { releaseFacts } from "@/lib/releases/release-facts";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";
import type { TReleaseList } from "@/lib/schemas/release";

export async function listReleases({ status, limit }: { status?: ReleaseStatus; limit: number }): Promise<TReleaseList> {
  const rows = await db().release.findMany({
    where: status ? { status } : undefined,
    orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
    take: limit,
    include: { template: { select: { id: true, name: true } }, _count: { select: { items: true } } },
  });
  const checked = await db().releaseItem.groupBy({ by: ["releaseId"], where: { releaseId: { in: rows.map((r) => r.id) }, checked: true }, _count: true });
  const checkedBy = new Map(checked.map((c) => [c.releaseId, c._count]));
  return {
    releases: rows.map((r) => ({
      ...releaseFacts(r),
      template: r.template,
      progress: { checked: checkedBy.get(r.id) ?? 0, total: r._count.items },
    })),
  };
}
