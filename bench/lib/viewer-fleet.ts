// A crowd of SSE viewers spread over a few processes of their own (bench/sse-viewers.ts), so that parsing 5,000
// streams does not make the load generator the bottleneck; the app's stream and its plain node:http baseline are
// measured with the same fleet.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { summary } from "./stats";

type Figures = { latencies: number[]; reconnects: number; lines: number[] };

export type Fleet = {
  /** Resolves once every viewer has received `expect` output lines (or after `timeoutMs`). */
  done(timeoutMs: number): Promise<void>;
  /** Closes every connection and returns what the viewers saw. */
  stop(): Promise<{ latency: ReturnType<typeof summary>; reconnects: number; viewers: number; complete: number }>;
  processes: number;
};

export async function openFleet(opts: { url: string; headers?: Record<string, string>; viewers: number; expect: number; processes?: number }): Promise<Fleet> {
  const { url, headers = {}, viewers, expect, processes = 4 } = opts;
  const children: ChildProcess[] = [];
  const per = Math.ceil(viewers / processes);
  for (let p = 0; p < processes; p++) {
    const count = Math.min(per, viewers - p * per);
    if (count <= 0) break;
    const child = fork(path.join(import.meta.dirname, "..", "sse-viewers.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.push(child);
    child.send({ type: "start", start: { url, headers, count, expect } });
  }
  await Promise.all(children.map((c) => reply(c, "ready")));
  const finished = Promise.all(children.map((c) => reply(c, "done")));
  finished.catch(() => {});
  return {
    processes: children.length,
    async done(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    },
    async stop() {
      const all = await Promise.all(
        children.map((c) => {
          const figures = reply<Figures>(c, "figures");
          c.send({ type: "stop" });
          return figures;
        }),
      );
      const latencies = all.flatMap((f) => f.latencies);
      const lines = all.flatMap((f) => f.lines);
      return {
        latency: summary(latencies),
        reconnects: all.reduce((n, f) => n + f.reconnects, 0),
        viewers: lines.length,
        // Complete: every line, in order, none twice.
        complete: lines.filter((n) => n === expect).length,
      };
    },
  };
}

function reply<T = unknown>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string } & T) => {
      if (msg.type !== type) return;
      child.off("message", onMessage);
      resolve(msg);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`a viewer process exited (${code}) before "${type}"`)));
  });
}
