// Grouping for the calendar page: weeks starting on Monday, days within them, on the viewer's wall calendar.
const DAY_MS = 86_400_000;

export function startOfUtcWeek(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

/** "2026-12-05": the calendar date at `at` on the wall clock of `timeZone`. */
export function dateKeyIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

const keyToUtc = (key: string) => new Date(`${key}T00:00:00Z`);

export type ZonedWeek<T> = { start: string; days: { date: string; items: T[] }[] };

/**
 * The items of [from, to) by Monday-first weeks and days of the wall calendar in `timeZone` (the viewer's, so an
 * 21:00 EST T-0 sits on its New York day, not on the next UTC day). Dates are "YYYY-MM-DD".
 */
export function groupByZonedWeek<T>(items: T[], at: (item: T) => Date, from: Date, to: Date, timeZone: string): ZonedWeek<T>[] {
  const byDay = new Map<string, T[]>();
  for (const item of items) {
    const key = dateKeyIn(at(item), timeZone);
    byDay.set(key, [...(byDay.get(key) ?? []), item]);
  }
  const first = startOfUtcWeek(keyToUtc(dateKeyIn(from, timeZone)));
  const last = keyToUtc(dateKeyIn(new Date(to.getTime() - 1), timeZone)).getTime();
  const weeks: ZonedWeek<T>[] = [];
  for (let start = first.getTime(); start <= last; start += 7 * DAY_MS) {
    const days = Array.from({ length: 7 }, (_, d) => new Date(start + d * DAY_MS).toISOString().slice(0, 10));
    weeks.push({ start: days[0], days: days.map((date) => ({ date, items: byDay.get(date) ?? [] })) });
  }
  return weeks;
}
