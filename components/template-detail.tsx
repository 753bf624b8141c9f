"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { itemDropTarget, TemplateItemRow } from "@/components/template-item-row";
import { useTemplateEdit } from "@/lib/client/use-template-edit";
import { CreateReleaseForm } from "@/components/create-release-form";
import { TemplateProcedures, type ProcedureView } from "@/components/template-procedures";
import { TemplatePipelines } from "@/components/template-pipelines";
import { CommunicationPlan } from "@/components/communication-plan";
import { TemplateNotes } from "@/components/template-notes";
import { TemplateTrain } from "@/components/template-train";
import type { TNoteSections } from "@/lib/schemas/notes";
import type { TTrainSchedule } from "@/lib/schemas/train";
import { BindThresholdForm, type ThresholdView } from "@/components/bind-threshold-form";
import { TemplateCanaries } from "@/components/template-canaries";
import { TemplateReferences, type ReferenceView } from "@/components/template-references";
import { NoDeployProcedure } from "@/components/no-deploy-procedure";
import { AddPhaseForm, AddProcedureForm, PhaseTiming } from "@/components/template-plan-editor";
import { EscalationLadderList } from "@/components/escalation-ladder";
import type { TEscalationLevel } from "@/lib/schemas/runbook";
import { TemplateRunbook } from "@/components/template-runbook";
import type { TParsedCanary } from "@/lib/schemas/runbook";
import { apiFetch } from "@/lib/client/api";
import { templateKeys } from "@/lib/client/query-keys";

type TemplateView = {
  id: string;
  name: string;
  description?: string | null;
  version: number;
  phases: {
    id: string;
    title: string;
    offsetMinutes: number | null;
    scheduledAt?: string | null;
    items: { id: string; text: string; details: string | null; required: boolean; ownerRole: string | null }[];
  }[];
  procedures: ProcedureView[];
  thresholds: ThresholdView[];
  canaries?: TParsedCanary[];
  references: ReferenceView[];
  unplaced: { line: number; text: string; reason: string }[];
  coverage?: { blocks: number; placed: number; unplaced: number } | null;
  escalation?: TEscalationLevel[];
  notes: TNoteSections;
  schedule: TTrainSchedule | null;
  nextTrains: string[];
  environments: string[];
};

export function TemplateDetail({ templateId, canManage, justImported }: { templateId: string; canManage: boolean; justImported: boolean }) {
  const {
    data: t,
    error,
    isPending,
  } = useQuery({ queryKey: templateKeys.detail(templateId), queryFn: () => apiFetch<TemplateView>(`/api/templates/${templateId}`) });
  const { edit, busy, message, dismiss } = useTemplateEdit(templateId, t?.version ?? 1);
  if (isPending) return <p className="text-sm text-slate-500">Loading the template…</p>;
  if (error)
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not load this template: {error.message}
      </p>
    );
  const items = t.phases.reduce((n, p) => n + p.items.length, 0);
  const steps = t.procedures.reduce((n, p) => n + p.steps.length, 0);
  return (
    <article>
      <TemplateName name={t.name} editable={canManage} busy={busy} onRename={(name) => edit({ method: "PATCH", path: "", body: { name } })} />
      {t.description && (
        <p className="mt-1 text-sm text-slate-700" data-testid="template-description">
          {t.description}
        </p>
      )}
      <p className="mt-1 text-sm text-slate-500" data-testid="template-counts">
        {t.phases.length} phases · {items} checklist items · {t.procedures.length} procedures · {steps} steps
      </p>
      <TemplateRunbook templateId={t.id} canManage={canManage} />
      {justImported && (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-900">
          Imported. {t.unplaced.length ? `${t.unplaced.length} block(s) could not be placed; they are listed at the end.` : "Everything was placed."}
        </p>
      )}
      <ImportCoverage coverage={t.coverage ?? null} empty={t.phases.length === 0 && t.procedures.length === 0} />
      {!t.procedures.some((p) => p.kind === "deploy") && <NoDeployProcedure addHref={canManage ? "#add-procedure" : undefined} />}
      {message && (
        <div role="alert" className="mt-4 flex gap-3 rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {message}
          <button type="button" className="ml-auto underline" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {canManage && <CreateReleaseForm templateId={t.id} defaultPath={t.environments ?? []} />}

      <h2 className="mt-8 text-lg font-semibold">Phases</h2>
      <div className="mt-3 space-y-4">
        {t.phases.map((p) => (
          <section key={p.id} className="rounded-lg border border-slate-200 bg-white">
            <h3 className="flex flex-wrap items-center gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2 font-medium" data-testid="template-phase-title">
              {p.title} <PhaseTiming phase={p} editable={canManage} busy={busy} edit={edit} />
            </h3>
            <ul
              className="divide-y divide-slate-100 text-sm"
              data-testid="template-phase-items"
              {...(canManage ? itemDropTarget(p.id, p.items.length, edit) : {})}
            >
              {p.items.length === 0 && <li className="px-4 py-3 text-xs text-slate-500">No items yet{canManage ? ": add one, or drag one here." : "."}</li>}
              {p.items.map((i, index) => (
                <TemplateItemRow
                  key={i.id}
                  item={i}
                  index={index}
                  count={p.items.length}
                  phaseId={p.id}
                  phases={t.phases}
                  editable={canManage}
                  busy={busy}
                  edit={edit}
                />
              ))}
              {canManage && <AddItem busy={busy} onAdd={(text) => edit({ method: "POST", path: "/items", body: { phaseId: p.id, text } })} />}
            </ul>
          </section>
        ))}
        {canManage && <AddPhaseForm busy={busy} edit={edit} />}
      </div>

      <TemplateProcedures
        procedures={t.procedures}
        editable={canManage}
        busy={busy}
        edit={edit}
        hint="A release copies these when it is created and runs its own copy: editing them here changes releases created from now on, never an existing one (edit that on the release's page)."
      />
      {canManage && <AddProcedureForm busy={busy} edit={edit} suggestDeploy={!t.procedures.some((p) => p.kind === "deploy")} />}
      <EscalationLadderList ladder={t.escalation ?? []} />
      <TemplatePipelines procedures={t.procedures} defaultPath={t.environments ?? []} editable={canManage} busy={busy} edit={edit} />
      <TemplateTrain schedule={t.schedule} nextTrains={t.nextTrains} editable={canManage} busy={busy} edit={edit} />
      <CommunicationPlan templateId={t.id} editable={canManage} busy={busy} edit={edit} />
      <TemplateNotes notes={t.notes} editable={canManage} busy={busy} edit={edit} />

      <TemplateCanaries canaries={t.canaries ?? []} procedures={t.procedures} editable={canManage} busy={busy} edit={edit} />
      {t.thresholds.length > 0 && (
        <>
          <h2 className="mt-8 text-lg font-semibold">Thresholds</h2>
          <Table
            header={["Metric", "Healthy while", "Warning", "Critical", "Action"]}
            rows={t.thresholds.map((x) => [x.metric, x.healthyWhen ?? "", x.warning ?? "", x.critical ?? "", x.action ?? ""])}
          />
          {canManage && <BindThresholdForm thresholds={t.thresholds} procedures={t.procedures} busy={busy} edit={edit} />}
        </>
      )}
      <TemplateReferences references={t.references} />
      {t.unplaced.length > 0 && (
        <>
          <h2 className="mt-8 text-lg font-semibold">Kept but not placed</h2>
          <ul className="mt-3 space-y-2 text-sm">
            {t.unplaced.map((u, i) => (
              <li key={i} className="rounded-md border border-slate-200 bg-white p-3">
                <p className="text-xs text-slate-500">
                  line {u.line}: {u.reason}
                </p>
                <pre
                  tabIndex={0}
                  role="group"
                  aria-label={`Unplaced block at line ${u.line}`}
                  className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap font-mono text-xs"
                >
                  {u.text}
                </pre>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

/** What the import placed of the runbook: "all 214 blocks placed", or how many are listed at the end. */
function ImportCoverage({ coverage, empty }: { coverage: { blocks: number; placed: number; unplaced: number } | null; empty: boolean }) {
  if (!coverage || coverage.blocks === 0) return null;
  return (
    <>
      {empty && (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="import-empty-warning">
          This runbook has no checklist items and no steps: nothing of it could be placed, everything is listed as unplaced at the end.
        </p>
      )}
      <p className="mt-1 text-sm text-slate-500" data-testid="import-coverage">
        {coverage.unplaced === 0
          ? `Imported runbook: all ${coverage.blocks} blocks placed.`
          : `Imported runbook: ${coverage.placed} of ${coverage.blocks} blocks placed; ${coverage.unplaced} not placed, listed at the end.`}
      </p>
    </>
  );
}

function Table({ header, rows }: { header: string[]; rows: string[][] }) {
  return (
    <div tabIndex={0} role="region" aria-label="Phases and checklist items" className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50">
          <tr>
            {header.map((h, i) => (
              <th key={i} className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className="px-3 py-2 align-top">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TemplateName({ name, editable, busy, onRename }: { name: string; editable: boolean; busy: boolean; onRename: (name: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
        {name}
        {editable && (
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs font-normal" onClick={() => setDraft(name)}>
            Rename
          </button>
        )}
      </h1>
    );
  }
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onRename(draft.trim());
        setDraft(null);
      }}
    >
      <input
        aria-label="Template name"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        maxLength={200}
        className="w-full max-w-xl rounded border border-slate-300 px-2 py-1 text-xl"
        autoFocus
      />
      <button type="submit" disabled={busy || !draft.trim()} className="rounded bg-indigo-600 px-3 text-sm text-white">
        Save
      </button>
      <button type="button" onClick={() => setDraft(null)} className="rounded border border-slate-300 px-3 text-sm">
        Cancel
      </button>
    </form>
  );
}

function AddItem({ busy, onAdd }: { busy: boolean; onAdd: (text: string) => void }) {
  const [text, setText] = useState("");
  return (
    <li className="px-4 py-2">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          onAdd(text.trim());
          setText("");
        }}
      >
        <input
          aria-label="New checklist item"
          placeholder="Add a checklist item…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={2000}
          className="flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <button type="submit" disabled={busy || !text.trim()} className="rounded border border-slate-300 px-2 text-xs disabled:opacity-40">
          Add
        </button>
      </form>
    </li>
  );
}
