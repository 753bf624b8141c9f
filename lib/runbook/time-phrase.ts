// Reads the time a heading names, relative to T-0 (the release moment), in minutes.
//
// Semantics (documented in the report and the tests):
// - "T-5 Days", "(T-1 Hour)", "T+30 Minutes", "T-24h", "T minus 2 days", "D-3": exact offsets; a
//   T-number without a unit means days. Ranges ("T-0 to T+2 Hours") take their start.
// - "1 Week Before Release", "~ 2 weeks before", "2 hours after launch", "the day before": relative.
//   "T-0, 2 Hours Before Launch" is read as the more specific relative phrase (-120).
// - "Release Day", "Launch Day", "Go-Live Day", "D-Day", "Day 0": 0.
// - Calendar numbers count from T-0: "Day 1" is the release day (Day N = N-1 days after T-0, so
//   "Day 1-2" is 0), "Week 1" starts at T-0 ("Week 2" = +7 days), "Month 2" = +30 days. A "Day N"
//   heading under a "Week M" (or "Month M") heading is counted from the start of that week.
// Hyphens, en/em dashes and minus signs are treated alike; matching is case-insensitive.

export type TimePhrase = {
  minutes: number;
  /** "relative" phrases are absolute offsets; calendar numbers can be nested (a day inside a week). */
  calendar: "relative" | "day" | "week" | "month";
  /** For calendar phrases: the offset inside the enclosing calendar unit. */
  withinMinutes: number;
};

const MINUTE = 1;
const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;

const UNIT = "(months?|mo|weeks?|wks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)";
const COUNT_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  the: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const COUNT = `(\\d+(?:\\.\\d+)?|${Object.keys(COUNT_WORDS).join("|")})`;

const T_PHRASE = new RegExp(`(?<![a-z0-9])t\\s*(?:([+-])|(minus|plus)\\b)\\s*(\\d+(?:\\.\\d+)?)(?:\\s*${UNIT}\\b)?`);
const D_PHRASE = /(?<![a-z0-9])d\s*([+-])\s*(\d+)\b/;
const ANCHOR_PLUS = new RegExp(`\\b(?:release|launch|go-?live|deploy(?:ment)?)\\s*([+-])\\s*(\\d+(?:\\.\\d+)?)\\s*${UNIT}\\b`);
const RELATIVE = new RegExp(`(?<![a-z0-9])${COUNT}\\s*-?\\s*${UNIT}\\s+(before|prior|ahead|out|after|following|later|post)\\b`);
const RELEASE_DAY =
  /\b(?:release|launch|go-?live|go live|deploy(?:ment)?|cut-?over|ship|migration)\s+day\b|\bd-day\b|\bday of (?:the )?(?:release|launch|go-?live|deploy(?:ment)?)\b/;
const DAY_N = /\bday\s*([+-]?\d+)\b/;
const WEEK_N = /\bweek\s*(\d+)\b/;
const MONTH_N = /\bmonth\s*(\d+)\b/;

function unitMinutes(unit: string | undefined): number {
  if (!unit) return DAY;
  if (unit.startsWith("mo")) return MONTH;
  if (unit.startsWith("w")) return WEEK;
  if (unit.startsWith("d")) return DAY;
  if (unit.startsWith("h")) return HOUR;
  return MINUTE;
}

function count(word: string): number {
  return COUNT_WORDS[word] ?? Number(word);
}

function relative(minutes: number): TimePhrase {
  const rounded = Math.round(minutes) || 0; // no -0 for "T-0"
  return { minutes: rounded, calendar: "relative", withinMinutes: rounded };
}

/** Days are numbered from 1 (Day 1 = T-0); Day 0 is T-0 too and Day -3 is three days before. */
function dayOrdinalMinutes(n: number): number {
  return (n >= 1 ? n - 1 : n) * DAY;
}

function ordinalMinutes(n: number, unit: number): number {
  return Math.max(0, n - 1) * unit;
}

export function normaliseDashes(text: string): string {
  return text.replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-");
}

export function parseTimePhrase(heading: string): TimePhrase | null {
  const text = normaliseDashes(heading).toLowerCase();

  const t = T_PHRASE.exec(text);
  const rel = RELATIVE.exec(text);
  if (t) {
    const sign = t[1] === "-" || t[2] === "minus" ? -1 : 1;
    const value = Number(t[3]);
    if (value !== 0 || !rel) return relative(sign * value * unitMinutes(t[4]));
  }
  if (rel) {
    const sign = /before|prior|ahead|out/.test(rel[3]) ? -1 : 1;
    return relative(sign * count(rel[1]) * unitMinutes(rel[2]));
  }
  if (t) return relative(0);
  const d = D_PHRASE.exec(text);
  if (d) return relative((d[1] === "-" ? -1 : 1) * Number(d[2]) * DAY);
  const anchor = ANCHOR_PLUS.exec(text);
  if (anchor) return relative((anchor[1] === "-" ? -1 : 1) * Number(anchor[2]) * unitMinutes(anchor[3]));
  if (RELEASE_DAY.test(text)) return relative(0);

  const day = DAY_N.exec(text);
  const week = WEEK_N.exec(text);
  const month = MONTH_N.exec(text);
  const dayMinutes = day ? dayOrdinalMinutes(Number(day[1])) : 0;
  if (week) {
    const weekMinutes = ordinalMinutes(Number(week[1]), WEEK);
    return { minutes: weekMinutes + dayMinutes, calendar: "week", withinMinutes: weekMinutes + dayMinutes };
  }
  if (month) {
    const monthMinutes = ordinalMinutes(Number(month[1]), MONTH);
    return { minutes: monthMinutes + dayMinutes, calendar: "month", withinMinutes: monthMinutes + dayMinutes };
  }
  if (day) return { minutes: dayMinutes, calendar: "day", withinMinutes: dayMinutes };
  return null;
}

const NESTS_IN: Record<TimePhrase["calendar"], TimePhrase["calendar"][]> = {
  relative: [],
  day: ["week", "month"],
  week: ["month"],
  month: [],
};

/**
 * The offset of the innermost heading of `chain` (outermost first): its own phrase, counted inside an
 * enclosing week or month when it is a day or week number; else the nearest ancestor's offset.
 */
export function resolveOffset(chain: (TimePhrase | null)[]): number | null {
  for (let i = chain.length - 1; i >= 0; i--) {
    const phrase = chain[i];
    if (!phrase) continue;
    const parents = NESTS_IN[phrase.calendar];
    if (parents.length === 0) return phrase.minutes;
    for (let j = i - 1; j >= 0; j--) {
      const outer = chain[j];
      if (!outer) continue;
      if (!parents.includes(outer.calendar)) break;
      return (resolveOffset(chain.slice(0, j + 1)) ?? 0) + phrase.withinMinutes;
    }
    return phrase.minutes;
  }
  return null;
}
