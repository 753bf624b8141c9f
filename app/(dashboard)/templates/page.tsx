import type { Metadata } from "next";
import Link from "next/link";
import { TemplateList } from "@/components/template-list";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { canManage } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const caller = await requirePageCaller("/templates");
  return (
    <>
      <div className="flex items-center gap-4">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Templates</h1>
        {canManage(caller) && (
          <Link href="/templates/import" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
            Import a runbook
          </Link>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-500">Reusable plans, most imported from Markdown runbooks.</p>
      <TemplateList />
    </>
  );
}
