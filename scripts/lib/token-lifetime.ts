import { TOKEN_MAX_DAYS } from "../../lib/schemas/token";

const DAY_MS = 86_400_000;

/**
 * `npm run token -- --expires`: `30d` or `30` (days from now) or a date (`2027-06-30`, the token's last whole day
 * rounded up to days from now); 1 to 365 days. Answers the days, or why the value is refused.
 */
export function tokenLifetimeDays(raw: string, now = new Date()): number | string {
  const value = raw.trim();
  let days: number;
  const relative = /^(\d{1,4})d?$/i.exec(value);
  if (relative) days = Number(relative[1]);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    days = Math.ceil((Date.parse(`${value}T00:00:00Z`) - now.getTime()) / DAY_MS);
  } else return `"${raw}" is neither a number of days (30d) nor a date (YYYY-MM-DD)`;
  if (days < 1 || days > TOKEN_MAX_DAYS) return `a token lives 1 to ${TOKEN_MAX_DAYS} days (asked for ${days})`;
  return days;
}
