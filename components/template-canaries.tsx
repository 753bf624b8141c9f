"use client";

import { useState } from "react";
import { CanaryForm } from "@/components/canary-form";
import type { ProcedureView } from "@/components/template-procedures";
import type { TParsedCanary } from "@/lib/schemas/runbook";

type Edit = (e: { method: "POST" | "PATCH" | "DELETE"; path: string; body?: Record<string, unknown> }) => void;

const small = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-40";

/**
 * Canary rollouts the import recognised in the runbook. Nothing runs from here: a manager turns one into the canary
 * of a deploy procedure with the canary form, prefilled with its stages (a bake the text did not give is 300 s) and
 * the weight command when one was found.
 */
export function TemplateCanaries({
  canaries,
  procedures,
  editable,
  busy,
  edit,
}: {
  canaries: TParsedCanary[];
  procedures: ProcedureView[];
  editable: boolean;
  busy: boolean;
  edit: Edit;
}) {
  const [using, setUsing] = useState<number | null>(null);
  // The procedure the runbook itself calls a canary, else the first deploy procedure.
  const deploy = procedures.find((p) => p.kind === "deploy" && /canary/i.test(p.name)) ?? procedures.find((p) => p.kind === "deploy");
  if (canaries.length === 0) return null;
  return (
    <>
      <h2 className="mt-8 text-lg font-semibold">Canary rollouts in the runbook</h2>
      <ul className="mt-3 space-y-2 text-sm" data-testid="recognised-canaries">
        {canaries.map((c, i) => (
          <li key={i} className="rounded-md border border-slate-200 bg-white p-3">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{c.stages.map((s) => `${s.weight} %`).join(" → ")}</span>
              <span className="text-xs text-slate-500">
                line {c.line}: {c.text}
              </span>
              {editable && deploy && (
                <button type="button" className={`${small} ml-auto`} disabled={busy} onClick={() => setUsing(i)}>
                  Use as the canary of &quot;{deploy.name}&quot;
                </button>
              )}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              bake {c.stages.map((s) => (s.bakeSec === null ? "?" : `${s.bakeSec} s`)).join(" / ")} · weight command{" "}
              {c.weightCommand ? <code>{c.weightCommand}</code> : "not found"}
            </p>
            {using === i && deploy && (
              <CanaryForm
                initial={{
                  weightCommand: c.weightCommand ?? "",
                  stages: c.stages.map((s) => ({ weight: s.weight, bakeSec: s.bakeSec ?? 300, promotion: "auto" })),
                }}
                watches={[]}
                busy={busy}
                onCancel={() => setUsing(null)}
                onSubmit={(body) => {
                  const existing = deploy.steps.find((s) => s.kind === "canary");
                  if (existing) edit({ method: "PATCH", path: `/steps/${existing.id}`, body });
                  else edit({ method: "POST", path: "/steps", body: { procedureId: deploy.id, kind: "canary", ...body } });
                  setUsing(null);
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
