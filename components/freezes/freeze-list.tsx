"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Moment } from "@/components/ui/moment";
import { useDeleteFreeze, useFreezes } from "@/lib/client/use-freezes";
import type { TFreezeView as FreezeView } from "@/lib/schemas/freeze";

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "Every Saturday 22:00 to Sunday 06:00 America/New_York time" or, for a one-off window, its two moments. */
function WindowText({ f }: { f: FreezeView }) {
  if (f.recurrence) {
    const r = f.recurrence;
    return (
      <span>
        Every {DAY_NAMES[r.startDay]} {r.startTime} to {DAY_NAMES[r.endDay]} {r.endTime} <span className="font-medium">{r.timeZone}</span> time
      </span>
    );
  }
  return (
    <span>
      <Moment iso={f.startsAt!} /> to <Moment iso={f.endsAt!} />
    </span>
  );
}

function Occurrences({ f }: { f: FreezeView }) {
  if (!f.recurrence) return null;
  const next = f.upcoming.filter((o) => !f.current || o.startsAt !== f.current.startsAt);
  if (!next.length) return null;
  return (
    <ul className="mt-1 text-xs text-slate-600" aria-label={`Next occurrences of ${f.reason}`}>
      {next.map((o) => (
        <li key={o.startsAt} data-testid="freeze-occurrence">
          Next: <Moment iso={o.startsAt} /> to <Moment iso={o.endsAt} />
        </li>
      ))}
    </ul>
  );
}

function FreezeRow({ f, canEdit, onDelete }: { f: FreezeView; canEdit: boolean; onDelete: (f: FreezeView, button: HTMLButtonElement) => void }) {
  return (
    <li className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="freeze-row">
      <div className="mr-auto min-w-0">
        <p>
          <span className="font-medium">{f.reason}</span> <span className="text-slate-600">on</span> <span className="font-mono">{f.environment}</span>
        </p>
        <p className="mt-0.5 text-slate-700">
          <WindowText f={f} />
        </p>
        {f.current && (
          <p className="mt-0.5 font-medium text-rose-800" data-testid="freeze-active">
            In force now, until <Moment iso={f.current.endsAt} />
          </p>
        )}
        <Occurrences f={f} />
      </div>
      {canEdit && (
        <Button type="button" variant="secondary" onClick={(e) => onDelete(f, e.currentTarget)}>
          {f.active ? "End and delete" : "Delete"}
          <span className="sr-only"> {f.reason}</span>
        </Button>
      )}
    </li>
  );
}

function Section({ title, freezes, empty, ...row }: { title: string; freezes: FreezeView[]; empty: string } & Omit<Parameters<typeof FreezeRow>[0], "f">) {
  const id = `freezes-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} tabIndex={-1} className="text-sm font-semibold text-slate-700 focus:outline-none">
        {title}
      </h2>
      {freezes.length ? (
        <ul className="mt-2 space-y-2">
          {freezes.map((f) => (
            <FreezeRow key={f.id} f={f} {...row} />
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{empty}</p>
      )}
    </section>
  );
}

/** Active, upcoming and past freeze windows; admins delete one after confirming (an active one ends with it). */
export function FreezeList({ canEdit }: { canEdit: boolean }) {
  const { data, error } = useFreezes();
  const remove = useDeleteFreeze();
  const [confirm, setConfirm] = useState<FreezeView | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const listTop = useRef<HTMLDivElement>(null);
  const freezes = data?.freezes ?? [];
  const active = freezes.filter((f) => f.active);
  const upcoming = freezes.filter((f) => !f.active && f.upcoming.length > 0).sort((a, b) => a.upcoming[0].startsAt.localeCompare(b.upcoming[0].startsAt));
  const past = freezes.filter((f) => !f.active && f.upcoming.length === 0);
  const row = {
    canEdit,
    onDelete: (f: FreezeView, button: HTMLButtonElement) => {
      opener.current = button;
      remove.reset();
      setConfirm(f);
    },
  };
  return (
    <div ref={listTop} className="space-y-6" data-testid="freeze-list">
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          Could not load the freeze windows: {error.message}
        </p>
      )}
      {data && (
        <>
          <Section title="In force now" freezes={active} empty="No environment is frozen right now." {...row} />
          <Section title="Upcoming" freezes={upcoming} empty="No freeze window is coming up." {...row} />
          {past.length > 0 && <Section title="Ended" freezes={past} empty="" {...row} />}
        </>
      )}
      <Dialog
        open={confirm !== null}
        onClose={() => {
          setConfirm(null);
          // Back to the button that opened the dialog; it is gone after a delete, so to the list's first heading.
          (opener.current?.isConnected ? opener.current : listTop.current?.querySelector<HTMLElement>("h2"))?.focus();
        }}
        title={confirm?.active ? `End the freeze "${confirm.reason}" now?` : `Delete the freeze "${confirm?.reason ?? ""}"?`}
      >
        {confirm && (
          <div>
            <p className="text-sm text-slate-700">
              {confirm.active
                ? `Deploys to ${confirm.environment} are allowed again as soon as it ends. `
                : `It will no longer block deploys to ${confirm.environment}. `}
              The window is deleted{confirm.recurrence ? " with every future occurrence" : ""}; open releases of {confirm.environment} record it in their
              history.
            </p>
            {remove.error && (
              <p role="alert" className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
                {remove.error.message}
              </p>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => setConfirm(null)}>
                Cancel
              </Button>
              <Button
                type="button"
                variant="danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate(confirm.id, { onSuccess: () => setConfirm(null) })}
              >
                {confirm.active ? "End and delete" : "Delete"}
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </div>
  );
}
