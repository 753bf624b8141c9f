// Baseline for the stream: a raw LISTEN/NOTIFY round trip on the same database, nothing of ours in between.
import pg from "pg";
import { summary } from "../lib/stats";

export async function notifyRoundTrip(databaseUrl: string, samples: number, everyMs = 10) {
  const listener = new pg.Client({ connectionString: databaseUrl });
  const sender = new pg.Client({ connectionString: databaseUrl });
  await Promise.all([listener.connect(), sender.connect()]);
  const sentAt = new Map<string, number>();
  const rtt: number[] = [];
  listener.on("notification", (msg) => {
    const t = sentAt.get(msg.payload ?? "");
    if (t !== undefined) rtt.push(performance.now() - t);
  });
  await listener.query("LISTEN bench_baseline");
  for (let i = 0; i < samples; i++) {
    sentAt.set(String(i), performance.now());
    await sender.query("SELECT pg_notify('bench_baseline', $1)", [String(i)]);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await new Promise((r) => setTimeout(r, 200));
  await Promise.all([listener.end(), sender.end()]);
  return summary(rtt);
}
