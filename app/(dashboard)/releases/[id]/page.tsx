import type { Metadata } from "next";
import { ReleasePlan } from "@/components/release-plan";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { canManage } from "@/lib/auth/roles";
import { releaseOr404 } from "@/lib/pages/page-subject";

export const metadata: Metadata = { title: "Release" };

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await requirePageCaller(`/releases/${id}`);
  await releaseOr404(id);
  return <ReleasePlan releaseId={id} canTick={canManage(caller)} viewer={{ id: caller.id, role: caller.role }} />;
}
