import type { Metadata } from "next";
import { RunDetail } from "@/components/run-detail";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { canManage } from "@/lib/auth/roles";
import { runOr404 } from "@/lib/pages/page-subject";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const caller = await requirePageCaller(`/runs/${runId}`);
  await runOr404(runId);
  return <RunDetail runId={runId} canDrive={canManage(caller)} />;
}
