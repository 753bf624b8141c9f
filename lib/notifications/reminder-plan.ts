// A template's communication plan: reminders at offsets from T-0. Which of them are due is a pure function of
// the release's current T-0 and the clock, so moving T-0 moves every reminder that has not fired yet.
export type Reminder = { offsetMinutes: number; message: string };

export const DEFAULT_REMINDERS: readonly Reminder[] = [
  { offsetMinutes: -24 * 60, message: "{{release.name}} {{release.version}} goes to {{release.environment}} in 24 hours (T-0 {{t0}})." },
  { offsetMinutes: 0, message: "T-0: {{release.name}} {{release.version}} is due now ({{t0}})." },
  { offsetMinutes: 2 * 60, message: "T+2h: {{release.name}} {{release.version}}, time for the post-release check." },
];

/** A reminder more than this late (the workers were down, or T-0 was set after it) is skipped, not sent late. */
export const REMINDER_GRACE_MS = 60 * 60_000;

export function reminderPlan(stored: unknown): Reminder[] {
  return Array.isArray(stored) ? (stored as Reminder[]) : [...DEFAULT_REMINDERS];
}

export function reminderDueAt(scheduledAt: Date, reminder: Pick<Reminder, "offsetMinutes">): Date {
  return new Date(scheduledAt.getTime() + reminder.offsetMinutes * 60_000);
}

/** The reminders whose time has come at `now` and is at most REMINDER_GRACE_MS past. */
export function dueReminders(scheduledAt: Date, plan: readonly Reminder[], now: Date): Reminder[] {
  return plan.filter((r) => {
    const due = reminderDueAt(scheduledAt, r).getTime();
    return due <= now.getTime() && now.getTime() - due <= REMINDER_GRACE_MS;
  });
}

/** "T-24h", "T-0", "T+2h", "T-90m" */
export function describeOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "T-0";
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  if (abs % 1440 === 0) return `T${sign}${abs / 1440}d`;
  if (abs % 60 === 0) return `T${sign}${abs / 60}h`;
  return `T${sign}${abs}m`;
}
