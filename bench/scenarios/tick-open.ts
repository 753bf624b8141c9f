// Ticks as people make them: an OPEN loop offering `perSecond` ticks a second on one release, each sent at its
// scheduled time whatever the answers before it did, and timed from that scheduled time (a stall of the server
// shows as latency of every tick it delayed, instead of as fewer ticks sent). Items are toggled with their current
// version, each in one tick's hands at a time, by the writers in turn, so every answer should be 200.
import http from "node:http";
import type { App } from "../lib/app";
import type { Actor } from "../lib/seed";
import { summary } from "../lib/stats";

type Item = { id: string; version: number; checked: boolean };

export async function tickOpenScenario(app: App, releaseId: string, items: Item[], writers: Actor[], opts: { perSecond: number; seconds: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const free = [...items];
  const waiting: ((item: Item) => void)[] = [];
  const take = () => (free.length ? Promise.resolve(free.shift()!) : new Promise<Item>((r) => waiting.push(r)));
  const give = (item: Item) => (waiting.length ? waiting.shift()!(item) : free.push(item));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  // Warm-up, not measured: the route's first calls compile and fill the caches a live server has long had.
  for (let n = 0; n < 20; n++) {
    const item = free[n];
    const { status, body } = await patch(agent, `${app.url}/api/releases/${releaseId}/items/${item.id}`, writers[0].headers, {
      checked: !item.checked,
      version: item.version,
    });
    if (status === 200 && body.version) Object.assign(item, { version: body.version, checked: body.checked });
  }
  const total = opts.perSecond * opts.seconds;
  const gap = 1000 / opts.perSecond;
  const start = performance.now() + 100;
  const sent: Promise<void>[] = [];
  const tick = async (n: number, scheduled: number) => {
    const item = await take();
    const writer = writers[n % writers.length];
    const { status, body } = await patch(agent, `${app.url}/api/releases/${releaseId}/items/${item.id}`, writer.headers, {
      checked: !item.checked,
      version: item.version,
    });
    latencies.push(performance.now() - scheduled);
    statuses[status] = (statuses[status] ?? 0) + 1;
    const now = status === 200 ? body : body.error?.details?.current;
    if (now?.version) Object.assign(item, { version: now.version, checked: now.checked });
    give(item);
  };
  for (let n = 0; n < total; n++) {
    const scheduled = start + n * gap;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sent.push(tick(n, scheduled));
  }
  await Promise.all(sent);
  agent.destroy();
  return { offered_per_s: opts.perSecond, ticks: total, statuses, latency: summary(latencies) };
}

type Answer = { version?: number; checked?: boolean; error?: { details?: { current?: { version: number; checked: boolean } } } };

function patch(agent: http.Agent, url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: Answer }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "PATCH", agent, headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Answer) : {} }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
