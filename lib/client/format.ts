// Display helpers shared by the pages: T-minus offsets, and the one rule for time: every moment in the viewer's
// time zone with the zone named, through Intl (components/ui/moment.tsx adds the UTC form on hover).
export function formatOffset(minutes: number | null): string | null {
  if (minutes === null) return null;
  if (minutes === 0) return "T-0";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const [value, unit] = abs % 1440 === 0 ? [abs / 1440, "d"] : abs % 60 === 0 ? [abs / 60, "h"] : [abs, "m"];
  return `T${sign}${value}${unit}`;
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
});

export function formatDateTime(iso: string | null): string {
  if (!iso) return "";
  return DATE_TIME.format(new Date(iso));
}

/** A moment as a person says it: "10:42 EST" today, "Dec 5, 10:42 EST" on another day (viewer's zone, named). */
export function formatMoment(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return d.toLocaleString(undefined, { ...(sameDay ? {} : { month: "short", day: "numeric" }), hour: "numeric", minute: "2-digit", timeZoneName: "short" });
}

/** The same moment in UTC, for a title on hover. */
export function formatUtc(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

/**
 * A duration between two moments, never negative: the server's clock and the browser's may differ by a little, so
 * a step that just started reads "0 ms", not "-468 ms". `end` null: until `now`.
 */
export function formatDuration(startIso: string, endIso: string | null, now = Date.now()): string {
  const ms = Math.max(0, (endIso ? new Date(endIso).getTime() : now) - new Date(startIso).getTime());
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}
