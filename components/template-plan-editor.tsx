"use client";

import { useState } from "react";
import { formatOffset } from "@/lib/client/format";

// The template page's plan edits (issue 18): add a procedure, change a procedure's kind, add a phase, re-time a
// phase in the words the importer reads ("T-2d", "T+30m"). The server parses the words and answers 422 on vague ones.

export const PROCEDURE_KINDS = ["deploy", "smoke", "rollback", "verify", "custom"] as const;
type PlanEdit = (e: { method: "POST" | "PATCH"; path: string; body?: Record<string, unknown> }) => void;
const field = "rounded border border-slate-300 px-2 py-1 text-sm";
const small = "rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-40";

export function AddProcedureForm({ busy, edit, suggestDeploy }: { busy: boolean; edit: PlanEdit; suggestDeploy: boolean }) {
  const [name, setName] = useState(suggestDeploy ? "Deploy" : "");
  const [kind, setKind] = useState<string>(suggestDeploy ? "deploy" : "custom");
  return (
    <form
      id="add-procedure"
      aria-label="Add a procedure"
      className="mt-3 flex flex-wrap items-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3"
      onSubmit={(e) => {
        e.preventDefault();
        edit({ method: "POST", path: "/procedures", body: { name: name.trim(), kind } });
        setName("");
      }}
    >
      <span className="text-sm font-medium">Add a procedure</span>
      <input aria-label="Procedure name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} className={field} />
      <select aria-label="Procedure kind" value={kind} onChange={(e) => setKind(e.target.value)} className={field}>
        {PROCEDURE_KINDS.map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      <button type="submit" className={small} disabled={busy || !name.trim()}>
        Add procedure
      </button>
    </form>
  );
}

export function ProcedureKindSelect({ procedure, busy, edit }: { procedure: { id: string; name: string; kind: string }; busy: boolean; edit: PlanEdit }) {
  return (
    <select
      aria-label={`Kind of ${procedure.name}`}
      value={procedure.kind}
      disabled={busy}
      onChange={(e) => edit({ method: "PATCH", path: `/procedures/${procedure.id}`, body: { kind: e.target.value } })}
      className="rounded border border-slate-300 px-1 py-0.5 text-xs font-normal"
    >
      {PROCEDURE_KINDS.map((k) => (
        <option key={k}>{k}</option>
      ))}
    </select>
  );
}

export function AddPhaseForm({ busy, edit }: { busy: boolean; edit: PlanEdit }) {
  const [title, setTitle] = useState("");
  const [offset, setOffset] = useState("");
  return (
    <form
      aria-label="Add a phase"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3"
      onSubmit={(e) => {
        e.preventDefault();
        edit({ method: "POST", path: "/phases", body: { title: title.trim(), offset: offset.trim() || null } });
        setTitle("");
        setOffset("");
      }}
    >
      <span className="text-sm font-medium">Add a phase</span>
      <input aria-label="Phase title" placeholder="Title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} className={field} />
      <input
        aria-label="Phase time"
        placeholder="When: T-2d, T+30m (optional)"
        value={offset}
        onChange={(e) => setOffset(e.target.value)}
        maxLength={80}
        className={field}
      />
      <button type="submit" className={small} disabled={busy || !title.trim()}>
        Add phase
      </button>
    </form>
  );
}

/** A phase's time as words to edit: "T-2d"; the server reads any phrase the importer reads. */
export function PhaseTiming({
  phase,
  editable,
  busy,
  edit,
}: {
  phase: { id: string; title: string; offsetMinutes: number | null; scheduledAt?: string | null };
  editable: boolean;
  busy: boolean;
  edit: PlanEdit;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = formatOffset(phase.offsetMinutes);
  const date = phase.scheduledAt
    ? new Date(phase.scheduledAt)
        .toISOString()
        .slice(0, phase.scheduledAt.endsWith("T00:00:00.000Z") ? 10 : 16)
        .replace("T", " ")
    : null;
  if (draft === null) {
    return (
      <span className="flex items-center gap-2 text-xs font-normal text-slate-500" data-testid="phase-time">
        {shown}
        {date && <span title="The date the runbook's schedule gave it; a release shifts it with its T-0">(runbook: {date})</span>}
        {editable && (
          <button type="button" className={small} aria-label={`Re-time ${phase.title}`} disabled={busy} onClick={() => setDraft(shown ?? "")}>
            Re-time
          </button>
        )}
      </span>
    );
  }
  return (
    <form
      className="flex items-center gap-1 text-xs font-normal"
      onSubmit={(e) => {
        e.preventDefault();
        edit({ method: "PATCH", path: `/phases/${phase.id}`, body: { offset: draft.trim() || null } });
        setDraft(null);
      }}
    >
      <input aria-label={`Time of ${phase.title}`} value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={80} className={field} autoFocus />
      <button type="submit" className={small} disabled={busy}>
        Save
      </button>
      <button type="button" className={small} onClick={() => setDraft(null)}>
        Cancel
      </button>
    </form>
  );
}
