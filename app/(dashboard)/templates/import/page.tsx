import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImportRunbookForm } from "@/components/import-runbook-form";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { canManage } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Import a runbook" };

export default async function ImportPage() {
  const caller = await requirePageCaller("/templates/import");
  if (!canManage(caller)) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Import a runbook</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-500">
        Upload or paste the Markdown your team already uses. Checklists become checklist items in their phases, time headings (T-5 days, T+30 minutes) set due
        times, shell blocks become command steps and curl checks become HTTP checks. Nothing is executed now.
      </p>
      <ImportRunbookForm />
    </>
  );
}
