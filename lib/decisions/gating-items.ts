// Which checklist items gate a deploy: the required ones due before T-0 (a negative offset) or without a time.
// Items due at or after T-0 (post-launch checks) never block it. The tick's SQL pre-filter
// (prisma/sql/countdown_tick_may_flip_readiness.sql) states the same rule; readiness-sql.integration.test.ts
// holds the two together over generated releases.
export function gatesDeploy(item: { required: boolean; offsetMinutes: number | null }): boolean {
  return item.required && (item.offsetMinutes === null || item.offsetMinutes < 0);
}
