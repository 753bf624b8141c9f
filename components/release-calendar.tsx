import Link from "next/link";
import { ReleaseStatus } from "@/components/release-status";
import { groupByWeek } from "@/lib/calendar/weeks";
import type { TReleaseCalendar } from "@/lib/schemas/calendar";

type Calendar = TReleaseCalendar;
type Entry = { kind: "t0" | "gonogo"; at: Date; release: Calendar["releases"][number] } | { kind: "train"; at: Date; train: Calendar["trains"][number] };

const utcTime = (d: Date) => d.toISOString().slice(11, 16);
const utcDay = (d: Date) => d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/**
 * Weeks of days with each T-0, go/no-go and release-train departure; one-off freezes shown on the weeks they
 * touch, recurring ones above.
 */
export function ReleaseCalendar({ calendar, from, weeks }: { calendar: Calendar; from: Date; weeks: number }) {
  const entries: Entry[] = calendar.releases.flatMap((r) => [
    { kind: "t0" as const, at: new Date(r.scheduledAt), release: r },
    ...(r.goNoGo ? [{ kind: "gonogo" as const, at: new Date(r.goNoGo.at), release: r }] : []),
  ]);
  entries.push(...calendar.trains.map((t) => ({ kind: "train" as const, at: new Date(t.at), train: t })));
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  const recurring = calendar.freezes.filter((f) => f.kind === "recurring");
  const oneOff = calendar.freezes.filter((f) => f.kind === "one_off");
  return (
    <div className="mt-4 space-y-6" data-testid="release-calendar">
      {recurring.length > 0 && (
        <ul className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
          {recurring.map((f) => (
            <li key={f.id}>
              Freeze on <strong>{f.environment}</strong> every week: {f.description} ({f.reason})
            </li>
          ))}
        </ul>
      )}
      {groupByWeek(entries, (e) => e.at, from, weeks).map((week) => {
        const freezes = oneOff.filter((f) => new Date(f.startsAt!) < week.end && new Date(f.endsAt!) > week.start);
        return (
          <section key={week.start.toISOString()} aria-label={`Week of ${utcDay(week.start)}`}>
            <h2 className="text-sm font-semibold text-slate-600">Week of {utcDay(week.start)}</h2>
            {freezes.map((f) => (
              <p key={f.id} className="mt-1 rounded bg-sky-50 px-2 py-1 text-xs text-sky-900" data-testid="calendar-freeze">
                Freeze on {f.environment}: {f.startsAt!.slice(0, 16).replace("T", " ")} to {f.endsAt!.slice(0, 16).replace("T", " ")} UTC ({f.reason})
              </p>
            ))}
            <ol className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-7">
              {week.days.map((day) => (
                <li
                  key={day.date.toISOString()}
                  className={`min-h-16 rounded border p-2 text-xs ${day.items.length ? "border-slate-300 bg-white" : "border-slate-100 bg-slate-50 max-sm:hidden"}`}
                >
                  <p className="font-medium text-slate-500">{utcDay(day.date)}</p>
                  <ul className="mt-1 space-y-1">
                    {day.items.map((e) =>
                      e.kind === "train" ? (
                        <li key={`train-${e.train.templateId}-${e.train.at}`} data-testid="calendar-train" className="text-violet-800">
                          <span className="font-mono text-slate-500">{utcTime(e.at)}</span> Train{" "}
                          <Link href={`/templates/${e.train.templateId}`} className="font-medium hover:underline">
                            {e.train.templateName}
                          </Link>
                        </li>
                      ) : (
                        <li key={`${e.kind}-${e.release.id}`} data-testid={`calendar-${e.kind}`}>
                          <span className="font-mono text-slate-500">{utcTime(e.at)}</span> {e.kind === "t0" ? "T-0" : "Go/no-go"}{" "}
                          <Link href={`/releases/${e.release.id}/timeline`} className="font-medium text-indigo-700 hover:underline">
                            {e.release.name} {e.release.version}
                          </Link>{" "}
                          <span className="text-slate-500">{e.release.environment}</span> {e.kind === "t0" && <ReleaseStatus status={e.release.status} />}
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
