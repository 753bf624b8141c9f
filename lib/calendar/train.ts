// The dates of a recurring release train. Each date is a wall-clock time in the train's zone, so a 10:00
// Europe/Berlin train stays at 10:00 local across daylight saving time (and moves in UTC).
import { wallClockToInstant } from "@/lib/freezes/freeze-time";
import type { TTrainSchedule } from "@/lib/schemas/train";

const DAY_MS = 86_400_000;

function firstTrainDay(s: TTrainSchedule): number {
  const [y, m, d] = s.startsOn.split("-").map(Number);
  const start = Date.UTC(y, m - 1, d);
  return start + ((s.weekday - new Date(start).getUTCDay() + 7) % 7) * DAY_MS;
}

function trainAt(s: TTrainSchedule, dayMs: number): Date {
  const minutes = Number(s.time.slice(0, 2)) * 60 + Number(s.time.slice(3, 5));
  return wallClockToInstant(dayMs + minutes * 60_000, s.timeZone);
}

/** The next `count` departures at or after `from` (and before `until`, when given). */
export function trainDates(s: TTrainSchedule, from: Date, count: number, until?: Date): Date[] {
  const first = firstTrainDay(s);
  const period = s.everyWeeks * 7 * DAY_MS;
  // Start one period early: the zone's offset can move a day's departure across `from`.
  let k = Math.max(0, Math.floor((from.getTime() - first) / period) - 1);
  const out: Date[] = [];
  while (out.length < count) {
    const at = trainAt(s, first + k * period);
    if (until && at >= until) break;
    if (at >= from) out.push(at);
    k++;
  }
  return out;
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "every 2 weeks on Tuesday at 10:00 (Europe/Berlin), from 2030-01-01" */
export function describeTrain(s: TTrainSchedule): string {
  const every = s.everyWeeks === 1 ? "every week" : `every ${s.everyWeeks} weeks`;
  return `${every} on ${DAY_NAMES[s.weekday]} at ${s.time} (${s.timeZone}), from ${s.startsOn}`;
}
