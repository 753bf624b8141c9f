// HTTP load with autocannon, keeping every response time (autocannon's own summary has no p95).
import autocannon from "autocannon";
import { summary } from "./stats";

export type LoadResult = {
  requests: number;
  rps: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  latency: ReturnType<typeof summary>;
};

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  // Without a callback autocannon returns a promise that is also its event emitter (the types say only one).
  const instance = autocannon(opts) as unknown as Promise<autocannon.Result> & autocannon.Instance;
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    samples.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  const seconds = (Date.parse(String(result.finish)) - Date.parse(String(result.start))) / 1000 || (opts.duration as number) || 1;
  return {
    requests: samples.length,
    rps: Math.round(samples.length / seconds),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses,
    latency: summary(samples),
  };
}
