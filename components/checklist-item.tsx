"use client";

import { InlineMarkdown, Markdown } from "@/components/markdown";
import { formatDateTime } from "@/lib/client/format";
import type { TReleaseItemView } from "@/lib/schemas/release";

type Props = {
  item: TReleaseItemView;
  canTick: boolean;
  /** A change of this item is on its way to the server. */
  busy: boolean;
  onToggle: (item: TReleaseItemView) => void;
  /** Why the item cannot be ticked yet (due after T-0, the deploy has not started); null when it can. */
  waitsForDeploy?: string | null;
  /** A release manager's explicit early tick of such an item (asked first, recorded as early). */
  onTickEarly?: (item: TReleaseItemView) => void;
};

export function ChecklistItem({ item, canTick, busy, onToggle, waitsForDeploy = null, onTickEarly }: Props) {
  const id = `item-${item.id}`;
  const waiting = !item.checked && waitsForDeploy !== null;
  const who = item.checked && item.checkedBy ? `${item.checkedBy.name}, ${formatDateTime(item.checkedAt)}` : null;
  return (
    <li className="flex items-start gap-3 px-4 py-3" data-testid="checklist-item" data-checked={item.checked}>
      {canTick ? (
        // aria-disabled, not disabled, while the tick travels: a disabled control drops the keyboard focus to the page.
        <input
          id={id}
          type="checkbox"
          checked={item.checked}
          disabled={waiting}
          aria-disabled={busy || undefined}
          aria-describedby={waiting ? `${id}-waits` : undefined}
          onChange={() => {
            if (!busy) onToggle(item);
          }}
          className={`mt-1 size-4 accent-indigo-600 ${busy ? "opacity-60" : ""}`}
        />
      ) : (
        <span
          aria-hidden
          className={`mt-0.5 inline-flex size-4 items-center justify-center rounded border text-[10px] ${item.checked ? "border-emerald-600 bg-emerald-600 text-white" : "border-slate-300"}`}
        >
          {item.checked ? "✓" : ""}
        </span>
      )}
      <div className="min-w-0 flex-1">
        <label htmlFor={canTick ? id : undefined} className={`block text-sm ${item.checked ? "text-slate-500 line-through decoration-slate-300" : ""}`}>
          <InlineMarkdown text={item.text} />
          {!canTick && <span className="sr-only">{item.checked ? " (done)" : " (open)"}</span>}
        </label>
        {item.details && <Markdown text={item.details} className="mt-0.5 text-xs text-slate-600" />}
        <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
          {item.required && <span>required</span>}
          {item.ownerRole && <span>owner: {item.ownerRole}</span>}
          {who && <span data-testid="checked-by">✓ {who}</span>}
          {item.note && <span>note: {item.note}</span>}
        </p>
        {waiting && (
          <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span id={`${id}-waits`} data-testid="waits-for-deploy">
              {waitsForDeploy}.
            </span>
            {canTick && onTickEarly && (
              <button
                type="button"
                disabled={busy}
                onClick={() => onTickEarly(item)}
                className="rounded border border-amber-400 bg-amber-50 px-2 py-0.5 font-medium text-amber-900 hover:bg-amber-100"
              >
                Tick early
              </button>
            )}
          </p>
        )}
      </div>
    </li>
  );
}
