import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER, peerHeaderTrusted } from "@/lib/auth/client-address";

// The web process's hook (loaded by npm start with --import): every request carries its socket's address, and a
// client cannot forge it. Loaded here into this test file's own worker.
describe("peer address hook", () => {
  it("stamps the socket's address over whatever the client sent", async () => {
    await import("./peer-address-hook.mjs");
    expect(peerHeaderTrusted()).toBe(true);
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      const headers = new Headers(req.headers as Record<string, string>);
      seen.push(`${req.headers[PEER_HEADER]} ${clientAddress(headers, null)}`);
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await (await fetch(url, { headers: { [PEER_HEADER]: "203.0.113.77", "x-forwarded-for": "198.51.100.1" } })).text();
      await (await fetch(url)).text();
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(seen).toEqual(["127.0.0.1 127.0.0.1", "127.0.0.1 127.0.0.1"]);
  });
});
