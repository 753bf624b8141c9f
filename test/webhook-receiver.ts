// A real HTTP receiver for webhook tests: records every request's raw bytes, headers and arrival time, and
// answers with the statuses a test scripts (the last one repeats).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { at: number; path: string; headers: http.IncomingHttpHeaders; raw: Buffer };

export async function startReceiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ at: Date.now(), path: req.url ?? "", headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)], { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export { waitFor } from "@/test/wait-for";
