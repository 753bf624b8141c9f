"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { useInBrowser, useViewerTimeZone } from "@/components/ui/moment";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import { useCreateFreeze, type NewFreeze } from "@/lib/client/use-freezes";
import { wallClockToInstant } from "@/lib/freezes/freeze-time";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5";

/** The instant a `datetime-local` value ("2026-12-05T10:00") names on the wall clock of `timeZone`. */
function localToIso(value: string, timeZone: string): string {
  const [date, time] = value.split("T");
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return wallClockToInstant(Date.UTC(y, m - 1, d, hh, mm), timeZone).toISOString();
}

/** Adds a one-off window (from, to) or a weekly one (day and time to day and time), both in a chosen IANA zone. */
export function FreezeForm({ environments }: { environments: string[] }) {
  const [kind, setKind] = useState<"one_off" | "recurring">("recurring");
  const [environment, setEnvironment] = useState("");
  const [reason, setReason] = useState("");
  // The viewer's zone until another is chosen (known only in the browser; the server paints UTC).
  const viewerZone = useViewerTimeZone();
  const [chosenZone, setTimeZone] = useState<string | null>(null);
  const timeZone = chosenZone ?? viewerZone;
  const inBrowser = useInBrowser();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [week, setWeek] = useState({ startDay: 5, startTime: "16:00", endDay: 1, endTime: "08:00" });
  const create = useCreateFreeze();
  const zones = useMemo(() => (inBrowser ? Intl.supportedValuesOf("timeZone") : []), [inBrowser]);
  const dirty = reason.trim() !== "" || from !== "" || to !== "";
  useUnsavedChanges(dirty);

  function submit() {
    const env = environment || environments[0] || "";
    const body: NewFreeze =
      kind === "one_off"
        ? { kind, environment: env, reason: reason.trim(), startsAt: localToIso(from, timeZone), endsAt: localToIso(to, timeZone) }
        : { kind, environment: env, reason: reason.trim(), recurrence: { ...week, timeZone } };
    create.mutate(body, {
      onSuccess: () => {
        setReason("");
        setFrom("");
        setTo("");
      },
    });
  }

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="add-freeze">
      <h2 id="add-freeze" className="font-medium">
        Add a freeze window
      </h2>
      <form
        className="mt-3 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Kind of window</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="freeze-kind" checked={kind === "recurring"} onChange={() => setKind("recurring")} /> Weekly
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="freeze-kind" checked={kind === "one_off"} onChange={() => setKind("one_off")} /> One-off
          </label>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-3">
          <label className="block text-sm">
            Environment
            <select value={environment || environments[0] || ""} onChange={(e) => setEnvironment(e.target.value)} required className={field}>
              {environments.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            Time zone
            <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)} className={field}>
              {(zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} placeholder="Holiday freeze" className={field} />
          </label>
        </div>
        {kind === "one_off" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block text-sm">
              From
              <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required className={field} />
            </label>
            <label className="block text-sm">
              To
              <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required min={from || undefined} className={field} />
            </label>
          </div>
        ) : (
          <div className="grid gap-3 sm:grid-cols-4">
            <WeekMoment
              label="Starts on"
              day={week.startDay}
              time={week.startTime}
              onChange={(startDay, startTime) => setWeek({ ...week, startDay, startTime })}
            />
            <WeekMoment label="Ends on" day={week.endDay} time={week.endTime} onChange={(endDay, endTime) => setWeek({ ...week, endDay, endTime })} />
          </div>
        )}
        <p className="text-xs text-slate-600">Times are wall-clock times in {timeZone}: a weekly window keeps its local time when the clocks change there.</p>
        <Button type="submit" disabled={create.isPending || environments.length === 0}>
          Add freeze window
        </Button>
      </form>
      {create.error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {create.error.message}
        </p>
      )}
    </section>
  );
}

/** A moment of the week: a day and a time of day (two grid cells). */
function WeekMoment({ label, day, time, onChange }: { label: string; day: number; time: string; onChange: (day: number, time: string) => void }) {
  return (
    <>
      <label className="block text-sm">
        {label}
        <select value={day} onChange={(e) => onChange(Number(e.target.value), time)} className={field}>
          {DAYS.map((d, i) => (
            <option key={d} value={i}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        at
        <input type="time" value={time} onChange={(e) => onChange(day, e.target.value)} required className={field} />
      </label>
    </>
  );
}
