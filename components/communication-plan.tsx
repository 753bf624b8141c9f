"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { templateKeys } from "@/lib/client/query-keys";
import type { TemplateEdit } from "@/lib/client/use-template-edit";
import { describeOffset, type Reminder } from "@/lib/notifications/reminder-plan";

type Plan = { reminders: Reminder[]; isDefault: boolean; version: number; placeholders: string[] };

/** Reminders relative to T-0 that channels subscribed to "reminder" receive; managers edit offsets and messages. */
export function CommunicationPlan({ templateId, editable, busy, edit }: { templateId: string; editable: boolean; busy: boolean; edit: TemplateEdit }) {
  // Under the template's key, so a saved template edit refreshes this too.
  const { data, error } = useQuery({
    queryKey: [...templateKeys.detail(templateId), "reminders"],
    queryFn: () => apiFetch<Plan>(`/api/templates/${templateId}/reminders`),
  });
  const [draft, setDraft] = useState<Reminder[] | null>(null);
  useUnsavedChanges(draft !== null && JSON.stringify(draft) !== JSON.stringify(data?.reminders));
  if (error)
    return (
      <p role="alert" className="mt-8 text-sm text-rose-700">
        Could not load the communication plan: {error.message}
      </p>
    );
  if (!data) return null;
  const rows = draft ?? data.reminders;
  const set = (i: number, patch: Partial<Reminder>) => setDraft(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <section aria-labelledby="plan-heading" className="mt-8">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="plan-heading" className="mr-auto text-lg font-semibold">
          Communication plan
        </h2>
        {editable && !draft && (
          <Button type="button" variant="secondary" onClick={() => setDraft(data.reminders)}>
            Edit reminders
          </Button>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-500">
        Reminders sent to the notification channels subscribed to <code>reminder</code>, at their offset from each release&apos;s T-0 (moving T-0 moves them;
        cancelled releases get none). {data.isDefault && "This is the default plan."} Placeholders: {data.placeholders.map((p) => `{{${p}}}`).join(", ")}.
      </p>
      {!draft && (
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="reminders">
          {data.reminders.length === 0 && <li className="px-4 py-2 text-slate-500">No reminders.</li>}
          {data.reminders.map((r) => (
            <li key={r.offsetMinutes} className="flex gap-3 px-4 py-2">
              <span className="w-16 shrink-0 font-mono text-slate-500">{describeOffset(r.offsetMinutes)}</span>
              {r.message}
            </li>
          ))}
        </ul>
      )}
      {draft && (
        <form
          className="mt-3 space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            edit({ method: "PUT", path: "/reminders", body: { reminders: draft } }, { onSuccess: () => setDraft(null) });
          }}
        >
          {draft.length === 0 && <p className="text-slate-500">No reminders: nothing will be sent before or after T-0.</p>}
          {draft.map((r, i) => (
            <div key={i} className="flex flex-wrap items-center gap-2">
              <label className="flex items-center gap-1">
                T
                <input
                  aria-label={`Offset of reminder ${i + 1} in minutes from T-0`}
                  type="number"
                  required
                  step={1}
                  min={-43200}
                  max={43200}
                  value={r.offsetMinutes}
                  onChange={(e) => set(i, { offsetMinutes: Number(e.target.value) })}
                  className="w-24 rounded border border-slate-300 px-2 py-1"
                />
                min
                <span className="w-14 text-xs text-slate-500">({describeOffset(r.offsetMinutes)})</span>
              </label>
              <label className="flex-1">
                <input
                  aria-label={`Message of reminder ${i + 1}`}
                  required
                  maxLength={1000}
                  value={r.message}
                  onChange={(e) => set(i, { message: e.target.value })}
                  className="w-full rounded border border-slate-300 px-2 py-1"
                />
              </label>
              <button type="button" className="text-xs text-rose-700 underline" onClick={() => setDraft(draft.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          ))}
          <div className="flex gap-2 pt-2">
            <Button
              type="button"
              variant="secondary"
              onClick={() => setDraft([...draft, { offsetMinutes: -60, message: "{{release.name}} {{release.version}} goes out in an hour ({{t0}})." }])}
            >
              Add reminder
            </Button>
            <Button type="submit" disabled={busy}>
              Save plan
            </Button>
            <Button type="button" variant="secondary" onClick={() => setDraft(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
