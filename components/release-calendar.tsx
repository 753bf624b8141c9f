"use client";

import Link from "next/link";
import { ReleaseStatus } from "@/components/release-status";
import { Moment, useViewerTimeZone } from "@/components/ui/moment";
import { groupByZonedWeek } from "@/lib/calendar/weeks";
import { formatUtc } from "@/lib/client/format";
import type { TReleaseCalendar } from "@/lib/schemas/calendar";

type Calendar = TReleaseCalendar;
type Entry = { kind: "t0" | "gonogo"; at: Date; release: Calendar["releases"][number] } | { kind: "train"; at: Date; train: Calendar["trains"][number] };

/** "Sat, Dec 5" for a "2026-12-05" date of the wall calendar. */
const dayLabel = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** "America/New_York (EST)" */
function zoneName(timeZone: string): string {
  const short = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value;
  return short && short !== timeZone ? `${timeZone} (${short})` : timeZone;
}

/** A time of day in the viewer's zone, named ("9:00 PM EST"), UTC on hover. */
function TimeOfDay({ at, timeZone }: { at: Date; timeZone: string }) {
  const text = at.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" });
  return (
    <time dateTime={at.toISOString()} title={formatUtc(at.toISOString())} className="font-mono text-slate-600">
      {text}
    </time>
  );
}

/**
 * Weeks of days with each T-0, go/no-go and release-train departure, on the viewer's wall calendar and clock (the
 * zone named at the top); one-off freezes shown on the weeks they touch, weekly ones above.
 */
export function ReleaseCalendar({ calendar }: { calendar: Calendar }) {
  const timeZone = useViewerTimeZone();
  const entries: Entry[] = calendar.releases.flatMap((r) => [
    { kind: "t0" as const, at: new Date(r.scheduledAt), release: r },
    ...(r.goNoGo ? [{ kind: "gonogo" as const, at: new Date(r.goNoGo.at), release: r }] : []),
  ]);
  entries.push(...calendar.trains.map((t) => ({ kind: "train" as const, at: new Date(t.at), train: t })));
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  const recurring = calendar.freezes.filter((f) => f.kind === "recurring");
  const oneOff = calendar.freezes.filter((f) => f.kind === "one_off");
  const weeks = groupByZonedWeek(entries, (e) => e.at, new Date(calendar.from), new Date(calendar.to), timeZone);
  return (
    <div className="mt-4 space-y-6" data-testid="release-calendar">
      <p className="text-sm text-slate-600" data-testid="calendar-zone">
        Times in {timeZone === "UTC" ? "UTC" : `your time zone, ${zoneName(timeZone)}`}; hover a time for UTC.
      </p>
      {recurring.length > 0 && (
        <ul className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
          {recurring.map((f) => (
            <li key={f.id}>
              Freeze on <strong>{f.environment}</strong> every week: {f.description} ({f.reason})
              {f.upcoming[0] && (
                <>
                  ; next <Moment iso={f.upcoming[0].startsAt} /> to <Moment iso={f.upcoming[0].endsAt} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {weeks.map((week) => {
        const start = new Date(`${week.start}T00:00:00Z`).getTime();
        // Generous by a day on each side: a freeze that touches the week in any zone is listed with it.
        const freezes = oneOff.filter((f) => new Date(f.startsAt!).getTime() < start + 8 * 86_400_000 && new Date(f.endsAt!).getTime() > start - 86_400_000);
        return (
          <section key={week.start} aria-label={`Week of ${dayLabel(week.start)}`}>
            <h2 className="text-sm font-semibold text-slate-600">Week of {dayLabel(week.start)}</h2>
            {freezes.map((f) => (
              <p key={f.id} className="mt-1 rounded bg-sky-50 px-2 py-1 text-xs text-sky-900" data-testid="calendar-freeze">
                Freeze on {f.environment}: <Moment iso={f.startsAt!} /> to <Moment iso={f.endsAt!} /> ({f.reason})
              </p>
            ))}
            <ol className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-7">
              {week.days.map((day) => (
                <li
                  key={day.date}
                  className={`min-h-16 rounded border p-2 text-xs ${day.items.length ? "border-slate-300 bg-white" : "border-slate-100 bg-slate-50 max-sm:hidden"}`}
                >
                  <p className="font-medium text-slate-600">{dayLabel(day.date)}</p>
                  <ul className="mt-1 space-y-1">
                    {day.items.map((e) =>
                      e.kind === "train" ? (
                        <li key={`train-${e.train.templateId}-${e.train.at}`} data-testid="calendar-train" className="text-violet-800">
                          <TimeOfDay at={e.at} timeZone={timeZone} /> Train{" "}
                          <Link href={`/templates/${e.train.templateId}`} className="font-medium hover:underline">
                            {e.train.templateName}
                          </Link>
                        </li>
                      ) : (
                        <li key={`${e.kind}-${e.release.id}`} data-testid={`calendar-${e.kind}`}>
                          <TimeOfDay at={e.at} timeZone={timeZone} /> {e.kind === "t0" ? "T-0" : "Go/no-go"}{" "}
                          <Link href={`/releases/${e.release.id}/timeline`} className="font-medium text-indigo-700 hover:underline">
                            {e.release.name} {e.release.version}
                          </Link>{" "}
                          <span className="text-slate-600">{e.release.environment}</span> {e.kind === "t0" && <ReleaseStatus status={e.release.status} />}
                        </li>
                      ),
                    )}
                  </ul>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
