// Dates and weekdays of a release schedule: the date column of a schedule table ("| 2024-03-12 | Code freeze |"),
// a heading that carries a date ("## 2024-03-12: Code freeze") or a weekday ("### Monday: branch cut").
// Dates are read as UTC (a runbook's schedule names days, not instants); a time of day is kept when given.

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const TIME = String.raw`(?:[ T,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm)?\s*(?:z|utc)?)?`;
const ISO = new RegExp(String.raw`\b(\d{4})-(\d{2})-(\d{2})` + TIME, "i");
const MONTH_FIRST = new RegExp(String.raw`\b` + MONTH + String.raw`\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + TIME, "i");
const DAY_FIRST = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+` + MONTH + String.raw`,?\s+(\d{4})` + TIME, "i");
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?/i;
const RELEASE = /\b(release|released|ga|general availability|t\s*[-−]?\s*0|launch|launches|go[\s-]?live|ship|ships|cut[\s-]?over)\b/i;
const NOT_RELEASE = /\b(candidate|rc\d*|notes|branch|freeze|beta|alpha|preview|prep\w*|retro\w*|review|planning|dry[\s-]?run)\b/i;

export type ScheduleWhen = { date: number } | { weekday: number };

function time(hour?: string, minute?: string, meridiem?: string): number {
  if (hour === undefined) return 0;
  let h = Number(hour) % 24;
  if (meridiem?.toLowerCase() === "pm" && h < 12) h += 12;
  if (meridiem?.toLowerCase() === "am" && h === 12) h = 0;
  return (h * 60 + Math.min(59, Number(minute))) * 60_000;
}

function utc(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month, day);
  const d = new Date(ms);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month && d.getUTCDate() === day && year >= 1970 && year <= 2200 ? ms : null;
}

/** The date (epoch ms, UTC) and where it was found in the text, or null. */
export function findDate(text: string): { ms: number; index: number; length: number } | null {
  const iso = ISO.exec(text);
  if (iso) {
    const day = utc(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (day !== null) return { ms: day + time(iso[4], iso[5], iso[6]), index: iso.index, length: iso[0].length };
  }
  const mf = MONTH_FIRST.exec(text);
  if (mf) {
    const day = utc(Number(mf[3]), MONTHS.indexOf(mf[1].slice(0, 3).toLowerCase()), Number(mf[2]));
    if (day !== null) return { ms: day + time(mf[4], mf[5], mf[6]), index: mf.index, length: mf[0].length };
  }
  const df = DAY_FIRST.exec(text);
  if (df) {
    const day = utc(Number(df[3]), MONTHS.indexOf(df[2].slice(0, 3).toLowerCase()), Number(df[1]));
    if (day !== null) return { ms: day + time(df[4], df[5], df[6]), index: df.index, length: df[0].length };
  }
  return null;
}

/** A weekday at the start of the text ("Monday: code freeze", "Thu"), 0 = Monday. */
export function leadingWeekday(text: string): { weekday: number; length: number } | null {
  const m = WEEKDAY.exec(text.trim());
  if (!m) return null;
  const weekday = WEEKDAYS.findIndex((w) => w.startsWith(m[1].toLowerCase()));
  const word = m[0].toLowerCase().replace(/\.$/, "");
  // "Mon" or "Monday", not "Month" or "Sunset"
  return WEEKDAYS[weekday].startsWith(word) ? { weekday, length: m[0].length } : null;
}

/** A schedule cell: a date, or a weekday; null when it is neither. */
export function scheduleWhen(cell: string): ScheduleWhen | null {
  const date = findDate(cell);
  if (date) return { date: date.ms };
  const weekday = leadingWeekday(cell);
  return weekday && cell.trim().length <= weekday.length + 12 ? { weekday: weekday.weekday } : null;
}

/**
 * A heading that carries a date or starts with a weekday: when, and the milestone it names ("Code freeze").
 * The date must open the heading or close it ("Code freeze (2024-03-12)"), so "Changes since 2024-03-12 in v2" is not one.
 */
export function datedHeading(text: string): { when: ScheduleWhen; milestone: string } | null {
  const trimmed = text.trim();
  const date = findDate(trimmed);
  const tidy = (s: string) =>
    s
      .replace(/^[\s:|–—-]+|[\s:|–—-]+$/g, "")
      .replace(/^\(\s*\)$|\(\s*\)/g, "")
      .trim();
  if (date) {
    const before = trimmed.slice(0, date.index);
    const after = trimmed.slice(date.index + date.length);
    const opens = tidy(before.replace(/\($/, "")) === "" || /^(week of|on)$/i.test(tidy(before));
    const closes = /^\)?\s*$/.test(after);
    if (opens || closes) return { when: { date: date.ms }, milestone: tidy(opens ? after : before.replace(/[(\s]+$/, "")) || trimmed };
    return null;
  }
  const weekday = leadingWeekday(trimmed);
  if (!weekday) return null;
  const rest = trimmed.slice(weekday.length);
  // "Monday: code freeze", "Thursday (release)", "Friday" alone; not "Monday morning standup notes"
  if (rest.trim() !== "" && !/^\s*[:(|–—-]/.test(rest)) return null;
  return { when: { weekday: weekday.weekday }, milestone: tidy(rest.replace(/^\s*\(|\)\s*$/g, "")) || trimmed };
}

/** A schedule row that is the release itself ("Release", "GA", "T-0", "Launch"), not a release candidate. */
export function isReleaseMilestone(text: string): boolean {
  return RELEASE.test(text) && !NOT_RELEASE.test(text);
}

const DATE_HEADER = /\b(date|when|day|time|deadline|due|target|scheduled?|eta)\b/i;
const MILESTONE_HEADER = /\b(milestone|event|phase|what|activity|activities|task|step|description|name|deliverable|item|stage)\b/i;

/** The date column and the milestone column of a schedule table, or null when it is not one. */
export function scheduleColumns(header: string[], rows: string[][]): { date: number; milestone: number } | null {
  if (rows.length === 0 || header.length < 2) return null;
  const datedShare = (col: number) => rows.filter((r) => scheduleWhen(r[col] ?? "") !== null).length / rows.length;
  const candidates = header.map((_, i) => i).filter((i) => datedShare(i) >= 0.5);
  if (candidates.length === 0) return null;
  const date = candidates.find((i) => DATE_HEADER.test(header[i])) ?? candidates[0];
  const others = header.map((_, i) => i).filter((i) => i !== date);
  const milestone = others.find((i) => MILESTONE_HEADER.test(header[i])) ?? others.find((i) => rows.some((r) => (r[i] ?? "").trim() !== "")) ?? others[0];
  return { date, milestone };
}

/**
 * Offsets (minutes from T-0) for the dated entries of a schedule, in document order. T-0 is the release entry when
 * there is one, else the last date (the dates are then kept: `keepDates`). Weekdays count in document order (a
 * weekday not after the one before starts the next week, unless both come from the same heading, `key`), relative
 * to the release weekday or the last one.
 */
export function scheduleOffsets(entries: { when: ScheduleWhen; release: boolean; key?: string }[]): { offsets: (number | null)[]; keepDates: boolean } {
  const offsets: (number | null)[] = entries.map(() => null);
  const dated = entries.map((e, i) => ({ ...e, i })).filter((e) => "date" in e.when);
  const releaseDate = dated.find((e) => e.release);
  const anchor = releaseDate ? (releaseDate.when as { date: number }).date : Math.max(...dated.map((e) => (e.when as { date: number }).date));
  for (const e of dated) offsets[e.i] = Math.round(((e.when as { date: number }).date - anchor) / 60_000);

  const days: { i: number; day: number; release: boolean; key?: string }[] = [];
  for (const [i, e] of entries.entries()) {
    if (!("weekday" in e.when)) continue;
    const previous = days.at(-1);
    let day = previous ? previous.day - (((previous.day % 7) + 7) % 7) + e.when.weekday : e.when.weekday;
    // the sub-sections of one weekday heading (same key) are that day, not the next week's
    if (previous && day <= previous.day && !(e.key !== undefined && e.key === previous.key)) day += 7;
    days.push({ i, day, release: e.release, key: e.key });
  }
  const releaseDay = days.find((d) => d.release)?.day ?? days.at(-1)?.day ?? 0;
  for (const d of days) offsets[d.i] = (d.day - releaseDay) * 1440;
  return { offsets, keepDates: dated.length > 0 && !releaseDate };
}
