import "server-only";

type Sample = { n: number; at: string; value: number | null; healthy: boolean; limit?: number };

/**
 * A watch step's chart as stakeholders see it: the threshold and the samples' numbers and times. Built field by
 * field from what the chart needs, so the metric's URL, query, headers and any error text never leave the server.
 */
export function stakeholderChart(config: unknown, result: unknown) {
  const c = (config ?? {}) as { healthy?: { op?: unknown; value?: unknown }; unit?: unknown };
  const op = c.healthy?.op;
  const value = c.healthy?.value;
  if (typeof op !== "string" || typeof value !== "number") return null;
  const raw = ((result ?? {}) as { samples?: Sample[] }).samples ?? [];
  const samples = raw.map((s) => ({
    n: Number(s.n),
    at: String(s.at),
    value: typeof s.value === "number" ? s.value : null,
    healthy: Boolean(s.healthy),
    ...(typeof s.limit === "number" ? { limit: s.limit } : {}),
  }));
  return { healthy: { op, value }, unit: typeof c.unit === "string" ? c.unit : "", samples };
}
