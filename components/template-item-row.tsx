"use client";

import { useState } from "react";

export type TemplateItem = { id: string; text: string; required: boolean; ownerRole: string | null };
type Phase = { id: string; title: string };
type Edit = (e: { method: "PATCH" | "DELETE"; path: string; body?: Record<string, unknown> }) => void;

const small = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-40";

/** One checklist item of a template; for managers with edit, reorder (buttons, so the keyboard works), move, delete. */
export function TemplateItemRow({ item, index, count, phaseId, phases, editable, busy, edit }: { item: TemplateItem; index: number; count: number; phaseId: string; phases: Phase[]; editable: boolean; busy: boolean; edit: Edit }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.text);
  const [owner, setOwner] = useState(item.ownerRole ?? "");
  const path = `/items/${item.id}`;
  const patch = (body: Record<string, unknown>) => edit({ method: "PATCH", path, body });

  if (editing) {
    return (
      <li className="space-y-2 px-4 py-2">
        <input aria-label="Item text" value={text} onChange={(e) => setText(e.target.value)} className="block w-full rounded border border-slate-300 px-2 py-1 text-sm" />
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <label>
            Owner role <input aria-label="Owner role" value={owner} onChange={(e) => setOwner(e.target.value)} className="ml-1 rounded border border-slate-300 px-1.5 py-0.5" />
          </label>
          <button type="button" className={small} disabled={busy || !text.trim()} onClick={() => { patch({ text: text.trim(), ownerRole: owner.trim() || null }); setEditing(false); }}>
            Save
          </button>
          <button type="button" className={small} onClick={() => { setText(item.text); setOwner(item.ownerRole ?? ""); setEditing(false); }}>
            Cancel
          </button>
        </div>
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-2 px-4 py-2" data-testid="template-item">
      <span className="min-w-0 flex-1 text-sm">
        {item.text}
        <span className="ml-2 text-xs text-slate-500">
          {item.required ? "required" : "optional"}
          {item.ownerRole ? ` · owner: ${item.ownerRole}` : ""}
        </span>
      </span>
      {editable && (
        <span className="flex flex-wrap items-center gap-1">
          <button type="button" className={small} aria-label={`Move "${item.text}" up`} disabled={busy || index === 0} onClick={() => patch({ position: index - 1 })}>↑</button>
          <button type="button" className={small} aria-label={`Move "${item.text}" down`} disabled={busy || index === count - 1} onClick={() => patch({ position: index + 1 })}>↓</button>
          <button type="button" className={small} disabled={busy} onClick={() => patch({ required: !item.required })}>{item.required ? "Make optional" : "Make required"}</button>
          <select aria-label={`Move "${item.text}" to phase`} className="rounded border border-slate-300 px-1 py-0.5 text-xs" value={phaseId} disabled={busy} onChange={(e) => patch({ phaseId: e.target.value })}>
            {phases.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
          </select>
          <button type="button" className={small} disabled={busy} onClick={() => setEditing(true)}>Edit</button>
          <button type="button" className={`${small} text-rose-700`} disabled={busy} onClick={() => window.confirm(`Delete "${item.text}"?`) && edit({ method: "DELETE", path })}>Delete</button>
        </span>
      )}
    </li>
  );
}
