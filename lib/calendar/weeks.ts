// Grouping for the calendar page: UTC weeks starting on Monday, days within them.
const DAY_MS = 86_400_000;

export function startOfUtcWeek(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

export type Week<T> = { start: Date; end: Date; days: { date: Date; items: T[] }[] };

/** `count` weeks from the week of `from`, each with its seven days and the items whose time falls in them. */
export function groupByWeek<T>(items: T[], at: (item: T) => Date, from: Date, count: number): Week<T>[] {
  const first = startOfUtcWeek(from);
  return Array.from({ length: count }, (_, w) => {
    const start = new Date(first.getTime() + w * 7 * DAY_MS);
    const days = Array.from({ length: 7 }, (_, d) => {
      const date = new Date(start.getTime() + d * DAY_MS);
      const next = date.getTime() + DAY_MS;
      return { date, items: items.filter((i) => at(i).getTime() >= date.getTime() && at(i).getTime() < next) };
    });
    return { start, end: new Date(start.getTime() + 7 * DAY_MS), days };
  });
}
