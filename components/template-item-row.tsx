"use client";

import { InlineMarkdown, Markdown } from "@/components/markdown";
import { useEffect, useRef, useState } from "react";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";

export type TemplateItem = { id: string; text: string; details: string | null; required: boolean; ownerRole: string | null };
type Phase = { id: string; title: string };
type Edit = (e: { method: "PATCH" | "DELETE"; path: string; body?: Record<string, unknown> }) => void;

const small = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-40";

/** The drag payload of a checklist item (drag to reorder or to move into another phase; the buttons do the same). */
export const ITEM_DRAG_TYPE = "application/x-countdown-template-item";

/** Drop handlers for a place in a phase: the dragged item goes to `position` of `phaseId`. */
export function itemDropTarget(phaseId: string, position: number, edit: Edit, setOver?: (over: boolean) => void) {
  const ours = (e: React.DragEvent) => e.dataTransfer.types.includes(ITEM_DRAG_TYPE);
  return {
    onDragOver: (e: React.DragEvent) => {
      if (!ours(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      setOver?.(true);
    },
    onDragLeave: () => setOver?.(false),
    onDrop: (e: React.DragEvent) => {
      if (!ours(e)) return;
      e.preventDefault();
      e.stopPropagation();
      setOver?.(false);
      const dragged = JSON.parse(e.dataTransfer.getData(ITEM_DRAG_TYPE)) as { id: string; phaseId: string; index: number };
      // Dropped on an item: it goes above that item (below it, once it has left its own place further up).
      const target = dragged.phaseId === phaseId && dragged.index < position ? position - 1 : position;
      if (dragged.phaseId === phaseId && dragged.index === target) return;
      edit({ method: "PATCH", path: `/items/${dragged.id}`, body: { phaseId, position: target } });
    },
  };
}

/** One checklist item of a template; for managers with edit, reorder (buttons, so the keyboard works), move, delete. */
export function TemplateItemRow({
  item,
  index,
  count,
  phaseId,
  phases,
  editable,
  busy,
  edit,
}: {
  item: TemplateItem;
  index: number;
  count: number;
  phaseId: string;
  phases: Phase[];
  editable: boolean;
  busy: boolean;
  edit: Edit;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.text);
  const [owner, setOwner] = useState(item.ownerRole ?? "");
  const [details, setDetails] = useState(item.details ?? "");
  const [over, setOver] = useState(false);
  useUnsavedChanges(editing && (text !== item.text || owner !== (item.ownerRole ?? "") || details !== (item.details ?? "")));
  // After Save or Cancel, the keyboard focus returns to this item's Edit button (not the page body).
  const editButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const path = `/items/${item.id}`;
  const patch = (body: Record<string, unknown>) => edit({ method: "PATCH", path, body });

  if (editing) {
    return (
      <li className="space-y-2 px-4 py-2">
        <input
          aria-label="Item text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="block w-full rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <textarea
          aria-label="Item details"
          placeholder="Details (optional): what to check, links, sub-steps"
          rows={Math.min(6, Math.max(2, details.split("\n").length))}
          value={details}
          onChange={(e) => setDetails(e.target.value)}
          className="block w-full rounded border border-slate-300 px-2 py-1 text-xs"
        />
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <label>
            Owner role{" "}
            <input
              aria-label="Owner role"
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              className="ml-1 rounded border border-slate-300 px-1.5 py-0.5"
            />
          </label>
          <button
            type="button"
            className={small}
            disabled={busy || !text.trim()}
            onClick={() => {
              patch({ text: text.trim(), details: details.trim() || null, ownerRole: owner.trim() || null });
              refocus.current = true;
              setEditing(false);
            }}
          >
            Save
          </button>
          <button
            type="button"
            className={small}
            onClick={() => {
              setText(item.text);
              setOwner(item.ownerRole ?? "");
              setDetails(item.details ?? "");
              refocus.current = true;
              setEditing(false);
            }}
          >
            Cancel
          </button>
        </div>
      </li>
    );
  }
  return (
    <li
      className={`flex flex-wrap items-center gap-2 px-4 py-2 ${over ? "border-t-2 border-indigo-500" : ""} ${editable ? "cursor-grab active:cursor-grabbing" : ""}`}
      data-testid="template-item"
      draggable={editable && !busy}
      onDragStart={(e) => {
        e.dataTransfer.setData(ITEM_DRAG_TYPE, JSON.stringify({ id: item.id, phaseId, index }));
        e.dataTransfer.effectAllowed = "move";
      }}
      {...(editable ? itemDropTarget(phaseId, index, edit, setOver) : {})}
    >
      <span className="min-w-0 flex-1 text-sm">
        {editable && (
          <span aria-hidden className="mr-1.5 select-none text-slate-400" title="Drag to reorder or move to another phase">
            ⠿
          </span>
        )}
        <InlineMarkdown text={item.text} />
        <span className="ml-2 text-xs text-slate-500">
          {item.required ? "required" : "optional"}
          {item.ownerRole ? ` · owner: ${item.ownerRole}` : ""}
        </span>
        {item.details && (
          <span className="mt-0.5 block text-xs text-slate-500" data-testid="item-details">
            <Markdown text={item.details} />
          </span>
        )}
      </span>
      {editable && (
        <span className="flex flex-wrap items-center gap-1">
          <button
            type="button"
            className={small}
            aria-label={`Move "${item.text}" up`}
            disabled={busy || index === 0}
            onClick={() => patch({ position: index - 1 })}
          >
            ↑
          </button>
          <button
            type="button"
            className={small}
            aria-label={`Move "${item.text}" down`}
            disabled={busy || index === count - 1}
            onClick={() => patch({ position: index + 1 })}
          >
            ↓
          </button>
          <button type="button" className={small} disabled={busy} onClick={() => patch({ required: !item.required })}>
            {item.required ? "Make optional" : "Make required"}
          </button>
          <select
            aria-label={`Move "${item.text}" to phase`}
            className="rounded border border-slate-300 px-1 py-0.5 text-xs"
            value={phaseId}
            disabled={busy}
            onChange={(e) => patch({ phaseId: e.target.value })}
          >
            {phases.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          <button ref={editButton} type="button" className={small} disabled={busy} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            className={`${small} text-rose-700`}
            disabled={busy}
            onClick={() => window.confirm(`Delete "${item.text}"?`) && edit({ method: "DELETE", path })}
          >
            Delete
          </button>
        </span>
      )}
    </li>
  );
}
