// Percentiles from raw samples (nearest rank), never from pre-aggregated buckets.
export function percentile(samples: ArrayLike<number>, p: number, sorted = Float64Array.from(samples).sort()): number {
  if (!samples.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

export function summary(samples: number[]) {
  // A typed array sorts numbers as numbers, and half a million samples do not fit Math.max's arguments.
  const sorted = Float64Array.from(samples).sort();
  return {
    n: samples.length,
    p50: round(percentile(samples, 50, sorted)),
    p95: round(percentile(samples, 95, sorted)),
    p99: round(percentile(samples, 99, sorted)),
    max: round(samples.length ? sorted[sorted.length - 1] : NaN),
  };
}
