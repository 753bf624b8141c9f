import "server-only";
import { icsCalendar, type IcsEvent } from "@/lib/calendar/ics";
import { calendarWindow, releaseCalendar } from "@/lib/calendar/release-calendar";

const T0_MINUTES = 30;

const UTC_WORDS = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  weekday: "short",
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
/** "Tue, Dec 15, 2026, 16:48 UTC": a feed has many readers in many zones, so its words name the zone they use. */
export const utcWords = (d: Date) => `${UTC_WORDS.format(d)} UTC`;
const MEETING_MINUTES = 30;

/**
 * The feed: a T-0 event per release and its go/no-go meeting, and each release train's departures; stable UIDs
 * so calendars update in place.
 */
export async function calendarIcs(baseUrl: string, now = new Date()) {
  const { from, to } = calendarWindow(now);
  const { releases, trains } = await releaseCalendar(from, to);
  const base = baseUrl.replace(/\/$/, "");
  const events: IcsEvent[] = releases.flatMap((r) => {
    const url = `${base}/releases/${r.id}/timeline`;
    const title = `${r.name} ${r.version}`;
    const t0 = new Date(r.scheduledAt);
    const list: IcsEvent[] = [
      {
        uid: `t0-${r.id}@countdown`,
        start: t0,
        end: new Date(t0.getTime() + T0_MINUTES * 60_000),
        summary: `T-0: ${title} (${r.environment})`,
        description: `T-0 ${utcWords(t0)}: ${r.type} release to ${r.environment}, status ${r.status}.\n${url}`,
        url,
        categories: ["T-0"],
      },
    ];
    if (r.goNoGo) {
      const at = new Date(r.goNoGo.at);
      list.push({
        uid: `gonogo-${r.id}@countdown`,
        start: at,
        end: new Date(at.getTime() + MEETING_MINUTES * 60_000),
        summary: `Go/no-go: ${title}`,
        description: `${r.goNoGo.title}, ${utcWords(at)}.\n${url}`,
        url,
        categories: ["go/no-go"],
      });
    }
    return list;
  });
  for (const t of trains) {
    const at = new Date(t.at);
    events.push({
      uid: `train-${t.templateId}-${at.getTime()}@countdown`,
      start: at,
      end: new Date(at.getTime() + T0_MINUTES * 60_000),
      summary: `Release train: ${t.templateName}`,
      description: `A scheduled departure of the ${t.templateName} release train, ${utcWords(at)}.\n${base}/templates/${t.templateId}`,
      url: `${base}/templates/${t.templateId}`,
      categories: ["train"],
    });
  }
  return icsCalendar("Countdown releases", events, now);
}
