import type { Metadata } from "next";
import { TemplateDetail } from "@/components/template-detail";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { canManage } from "@/lib/auth/roles";
import { templateOr404 } from "@/lib/pages/page-subject";

export const metadata: Metadata = { title: "Template" };

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ imported?: string }> }) {
  const [{ id }, { imported }] = await Promise.all([params, searchParams]);
  const caller = await requirePageCaller(`/templates/${id}`);
  await templateOr404(id);
  return <TemplateDetail templateId={id} canManage={canManage(caller)} justImported={imported === "1"} />;
}
