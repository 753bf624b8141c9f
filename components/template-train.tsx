"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/client/format";
import type { TemplateEdit } from "@/lib/client/use-template-edit";
import { describeTrain } from "@/lib/calendar/train";
import type { TTrainSchedule } from "@/lib/schemas/train";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Props = { schedule: TTrainSchedule | null; nextTrains: string[]; editable: boolean; busy: boolean; edit: TemplateEdit };

/** The template's recurring release train: when it departs, the next departures, and a form for managers. */
export function TemplateTrain({ schedule, nextTrains, editable, busy, edit }: Props) {
  const [draft, setDraft] = useState<TTrainSchedule | null>(null);
  const start = () =>
    setDraft(
      schedule ?? {
        everyWeeks: 1,
        weekday: 2,
        time: "10:00",
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
        startsOn: new Date().toISOString().slice(0, 10),
      },
    );
  const save = (next: TTrainSchedule | null) => edit({ method: "PUT", path: "/schedule", body: { schedule: next } }, { onSuccess: () => setDraft(null) });
  const field = "mt-1 block rounded border border-slate-300 px-2 py-1";

  return (
    <section aria-labelledby="train-heading" className="mt-8">
      <h2 id="train-heading" className="text-lg font-semibold">
        Release train
      </h2>
      {!draft && (
        <div className="mt-2 text-sm">
          {schedule ? (
            <>
              <p data-testid="train-rule">Departs {describeTrain(schedule)}.</p>
              <p className="mt-1 text-slate-600">Next: {nextTrains.map((d) => formatDateTime(d)).join(" · ")}</p>
            </>
          ) : (
            <p className="text-slate-500">No recurring schedule: releases of this template are planned one by one.</p>
          )}
          {editable && (
            <div className="mt-2 flex gap-2">
              <Button type="button" variant="secondary" onClick={start}>
                {schedule ? "Change schedule" : "Set a schedule"}
              </Button>
              {schedule && (
                <Button type="button" variant="secondary" onClick={() => save(null)} disabled={busy}>
                  Clear schedule
                </Button>
              )}
            </div>
          )}
        </div>
      )}
      {draft && (
        <form
          className="mt-2 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            save(draft);
          }}
        >
          <label>
            Every
            <select
              aria-label="Train repeats every"
              className={field}
              value={draft.everyWeeks}
              onChange={(e) => setDraft({ ...draft, everyWeeks: Number(e.target.value) })}
            >
              {[1, 2, 3, 4, 6, 8].map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? "week" : `${n} weeks`}
                </option>
              ))}
            </select>
          </label>
          <label>
            On
            <select
              aria-label="Train weekday"
              className={field}
              value={draft.weekday}
              onChange={(e) => setDraft({ ...draft, weekday: Number(e.target.value) })}
            >
              {WEEKDAYS.map((d, i) => (
                <option key={d} value={i}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            At
            <input
              aria-label="Train time"
              type="time"
              required
              className={field}
              value={draft.time}
              onChange={(e) => setDraft({ ...draft, time: e.target.value })}
            />
          </label>
          <label>
            Time zone
            <input
              aria-label="Train time zone"
              required
              className={field}
              value={draft.timeZone}
              onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
              placeholder="Europe/Berlin"
            />
          </label>
          <label>
            Starting
            <input
              aria-label="Train starts on"
              type="date"
              required
              className={field}
              value={draft.startsOn}
              onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })}
            />
          </label>
          <Button type="submit" disabled={busy}>
            Save schedule
          </Button>
          <Button type="button" variant="secondary" onClick={() => setDraft(null)}>
            Cancel
          </Button>
        </form>
      )}
    </section>
  );
}
