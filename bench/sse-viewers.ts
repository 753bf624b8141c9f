// One process of the viewer fleet (bench/lib/viewer-fleet.ts): holds `count` SSE connections to one URL over
// node:http (a socket each, as browsers on different machines would), parses them with eventsource-parser and
// records, for every `output` message, receipt time minus the message's `at`. Reconnects with Last-Event-ID like
// EventSource. Talks to its parent over IPC: "ready" once every connection answered, "done" once
// each has `expect` output lines, the figures on "stop".
import http from "node:http";
import { createParser } from "eventsource-parser";

type Start = { url: string; headers: Record<string, string>; count: number; expect: number };
type Viewer = { lastId: string | null; lines: number; inOrder: boolean; req: http.ClientRequest | null };

const latencies: number[] = [];
const viewers: Viewer[] = [];
let reconnects = 0;
let stopping = false;
let finished = 0;
let expect = Infinity;

function connect(viewer: Viewer, url: URL, headers: Record<string, string>, onOpen: () => void) {
  const req = http.get(url, {
    agent: false,
    headers: { ...headers, Accept: "text/event-stream", ...(viewer.lastId !== null ? { "Last-Event-ID": viewer.lastId } : {}) },
  });
  viewer.req = req;
  let retryMs = 2_000;
  const again = () => {
    if (stopping || viewer.req !== req) return;
    viewer.req = null;
    reconnects++;
    setTimeout(() => connect(viewer, url, headers, () => {}), retryMs);
  };
  req.on("error", again);
  req.on("response", (res) => {
    if (res.statusCode !== 200) {
      res.resume();
      res.on("end", again);
      return;
    }
    onOpen();
    const parser = createParser({
      onEvent(e) {
        if (e.id !== undefined) viewer.lastId = e.id;
        if (e.event !== "output") return;
        const now = Date.now();
        const data = JSON.parse(e.data) as { at: string; line: string };
        latencies.push(now - Date.parse(data.at));
        viewer.lines++;
        if (data.line !== `line ${viewer.lines}`) viewer.inOrder = false;
        if (viewer.lines === expect && ++finished === viewers.length) process.send!({ type: "done" });
      },
      onRetry(ms) {
        retryMs = ms;
      },
    });
    res.setEncoding("utf8");
    res.on("data", (text: string) => parser.feed(text));
    res.on("end", again);
    res.on("error", again);
  });
}

process.on("message", async (msg: { type: "start"; start: Start } | { type: "stop" }) => {
  if (msg.type === "start") {
    const { url, headers, count } = msg.start;
    expect = msg.start.expect;
    const target = new URL(url);
    // A few dozen connections at a time: what a crowd opening one page looks like, without a SYN flood.
    for (let i = 0; i < count; i += 50) {
      const batch = Array.from({ length: Math.min(50, count - i) }, () => {
        const viewer: Viewer = { lastId: null, lines: 0, inOrder: true, req: null };
        viewers.push(viewer);
        return new Promise<void>((resolve) => connect(viewer, target, headers, resolve));
      });
      await Promise.all(batch);
    }
    process.send!({ type: "ready" });
  } else {
    stopping = true;
    for (const v of viewers) v.req?.destroy();
    process.send!({ type: "figures", latencies, reconnects, lines: viewers.map((v) => (v.inOrder ? v.lines : -1)) }, () => process.exit(0));
  }
});
