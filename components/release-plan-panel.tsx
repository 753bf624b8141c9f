"use client";

import { NoDeployProcedure } from "@/components/no-deploy-procedure";
import { TemplateProcedures, type ProcedureView } from "@/components/template-procedures";
import { useReleasePlan, useReleasePlanEdit } from "@/lib/client/use-release-plan";

/**
 * The release's own runnable plan (copied from the template at creation) with its digest. Managers edit it with the
 * template's step editor; any edit makes standing gos stale, which the go/no-go panel then shows.
 */
export function ReleasePlanPanel({ releaseId, canEdit }: { releaseId: string; canEdit: boolean }) {
  const { data: plan, error } = useReleasePlan(releaseId);
  const { edit, busy, message, dismiss } = useReleasePlanEdit(releaseId, plan?.planDigest);
  if (error) return <p className="mt-6 text-sm text-rose-700">Could not load the plan: {error.message}</p>;
  if (!plan) return null;
  return (
    <section aria-labelledby="plan-heading" data-testid="release-plan" className="mt-6">
      <h2 id="plan-heading" className="flex flex-wrap items-baseline gap-3 text-lg font-semibold">
        Plan
        <code className="text-sm font-normal text-slate-500" title={`SHA-256 of this release's plan: ${plan.planDigest}`} data-testid="plan-digest">
          {plan.shortDigest}
        </code>
        <span className="text-sm font-normal text-slate-500">
          this release&apos;s own copy; editing the template does not change it{canEdit ? ", editing it here asks approvers to look again" : ""}
        </span>
      </h2>
      {message && (
        <p role="status" className="mt-2 flex gap-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {message}
          <button type="button" onClick={dismiss} className="ml-auto underline">
            Dismiss
          </button>
        </p>
      )}
      {!(plan.procedures as { kind: string }[]).some((p) => p.kind === "deploy") && (
        <NoDeployProcedure hint="this release's plan was copied from a template without one: add a deploy procedure to the template and create the release again" />
      )}
      <TemplateProcedures procedures={plan.procedures as unknown as ProcedureView[]} editable={canEdit} busy={busy} edit={edit} title="" />
    </section>
  );
}
