// When a freeze window is in force. Recurring windows are wall-clock times in their own time zone, so a
// "Friday 16:00 to Monday 08:00, Europe/Berlin" window follows daylight saving time; computed with Intl only.
import type { TRecurrence } from "@/lib/schemas/freeze";

const WEEK_MINUTES = 7 * 1440;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export type FreezeTimes =
  | { kind: "one_off"; startsAt: Date | null; endsAt: Date | null; recurrence?: unknown }
  | { kind: "recurring"; startsAt?: Date | null; endsAt?: Date | null; recurrence: TRecurrence };

export type Occurrence = { startsAt: Date; endsAt: Date };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading in `timeZone` at `at`, as a UTC timestamp with the same fields, plus the weekday. */
function wallClock(at: Date, timeZone: string): { wallMs: number; weekday: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const wallMs = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { wallMs, weekday: WEEKDAYS.indexOf(parts.weekday) };
}

/** The instant at which the wall clock in `timeZone` shows `wallMs` (for a skipped hour: just after the gap). */
export function wallClockToInstant(wallMs: number, timeZone: string): Date {
  const offsetAt = (instant: number) => wallClock(new Date(instant), timeZone).wallMs - instant;
  const first = wallMs - offsetAt(wallMs);
  const offset = offsetAt(first);
  const second = wallMs - offset;
  if (second === first || offsetAt(second) === offset) return new Date(second);
  return new Date(Math.max(first, second));
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The occurrence of a weekly window that contains `at`, or null when `at` is outside it. */
export function recurringOccurrenceAt(r: TRecurrence, at: Date): Occurrence | null {
  const { wallMs, weekday } = wallClock(at, r.timeZone);
  const wall = new Date(wallMs);
  const nowMinute = weekday * 1440 + wall.getUTCHours() * 60 + wall.getUTCMinutes();
  const start = r.startDay * 1440 + minutesOf(r.startTime);
  const end = r.endDay * 1440 + minutesOf(r.endTime);
  const length = (end - start + WEEK_MINUTES) % WEEK_MINUTES;
  const sinceStart = (nowMinute - start + WEEK_MINUTES) % WEEK_MINUTES;
  if (sinceStart >= length) return null;
  const startWall = wallMs - wall.getUTCSeconds() * 1000 - sinceStart * 60_000;
  return { startsAt: wallClockToInstant(startWall, r.timeZone), endsAt: wallClockToInstant(startWall + length * 60_000, r.timeZone) };
}

/** The occurrence of a freeze window in force at `at`, or null. */
export function freezeOccurrenceAt(w: FreezeTimes, at: Date): Occurrence | null {
  if (w.kind === "recurring") return recurringOccurrenceAt(w.recurrence, at);
  if (!w.startsAt || !w.endsAt) return null;
  return w.startsAt <= at && at < w.endsAt ? { startsAt: w.startsAt, endsAt: w.endsAt } : null;
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "every Friday 16:00 to Monday 08:00 (Europe/Berlin)" */
export function describeRecurrence(r: TRecurrence): string {
  return `every ${DAY_NAMES[r.startDay]} ${r.startTime} to ${DAY_NAMES[r.endDay]} ${r.endTime} (${r.timeZone})`;
}

/**
 * The next `count` occurrences of a weekly window that end after `from` (the one in force first, if any). Each
 * start is the same wall-clock time a week later in the window's zone, so across a DST change the UTC times move.
 */
export function nextRecurringOccurrences(r: TRecurrence, from: Date, count: number): Occurrence[] {
  const { wallMs, weekday } = wallClock(from, r.timeZone);
  const wall = new Date(wallMs);
  const nowMinute = weekday * 1440 + wall.getUTCHours() * 60 + wall.getUTCMinutes();
  const start = r.startDay * 1440 + minutesOf(r.startTime);
  const end = r.endDay * 1440 + minutesOf(r.endTime);
  const length = (end - start + WEEK_MINUTES) % WEEK_MINUTES;
  const sinceStart = (nowMinute - start + WEEK_MINUTES) % WEEK_MINUTES;
  // The wall-clock start of the occurrence in force, or of the next one.
  let startWall = wallMs - wall.getUTCSeconds() * 1000 - wall.getUTCMilliseconds() - sinceStart * 60_000;
  if (sinceStart >= length) startWall += WEEK_MINUTES * 60_000;
  const out: Occurrence[] = [];
  for (let i = 0; out.length < count && i < count + 1; i++, startWall += WEEK_MINUTES * 60_000) {
    const o = { startsAt: wallClockToInstant(startWall, r.timeZone), endsAt: wallClockToInstant(startWall + length * 60_000, r.timeZone) };
    if (o.endsAt > from) out.push(o);
  }
  return out;
}

/** The occurrences of a window still to come or in force at `from`, the first `count` of them. */
export function nextOccurrences(w: FreezeTimes, from: Date, count: number): Occurrence[] {
  if (w.kind === "recurring") return nextRecurringOccurrences(w.recurrence, from, count);
  if (!w.startsAt || !w.endsAt || w.endsAt <= from) return [];
  return [{ startsAt: w.startsAt, endsAt: w.endsAt }];
}
