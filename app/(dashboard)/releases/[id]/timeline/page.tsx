import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TimelineView } from "@/components/timeline/timeline-view";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { ZReleaseParams } from "@/lib/schemas/release";
import { getTimeline } from "@/lib/timeline/get-timeline";

export const metadata: Metadata = { title: "Timeline" };

export default async function ReleaseTimelinePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = ZReleaseParams.safeParse(await params);
  if (!parsed.success) notFound();
  await requirePageCaller(`/releases/${parsed.data.id}/timeline`);
  const timeline = await getTimeline(parsed.data.id).catch((err: unknown) => {
    if ((err as { code?: string }).code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <>
      <p className="mb-3 text-sm print:hidden">
        <Link href={`/releases/${timeline.release.id}`} className="text-indigo-700 hover:underline">
          ← Release plan
        </Link>
      </p>
      <TimelineView initial={timeline} />
    </>
  );
}
