import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER, trustedProxies } from "@/lib/auth/client-address";
import { signInAddress } from "@/lib/auth/options";

const headers = (h: Record<string, string>) => new Headers(h);

describe("client address", () => {
  it("is the socket's address, whatever X-Forwarded-For a client writes", () => {
    const h = headers({ [PEER_HEADER]: "::ffff:203.0.113.9", "x-forwarded-for": "10.1.2.3" });
    expect(clientAddress(h, null, true)).toBe("203.0.113.9");
    // The socket is no proxy we trust: its X-Forwarded-For is the client's own claim.
    expect(clientAddress(h, trustedProxies("10.0.0.0/8"), true)).toBe("203.0.113.9");
  });

  it("behind trusted proxies, is the right-most hop that is not one of them", () => {
    const proxies = trustedProxies("10.0.0.0/8, 192.168.1.1");
    const h = headers({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "1.1.1.1, 198.51.100.7, 192.168.1.1" });
    // 1.1.1.1 is what the client claimed; 198.51.100.7 is who connected to our first proxy.
    expect(clientAddress(h, proxies, true)).toBe("198.51.100.7");
    expect(clientAddress(headers({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "10.0.0.9" }), proxies, true)).toBe("10.0.0.9");
    expect(clientAddress(headers({ [PEER_HEADER]: "10.0.0.5" }), proxies, true)).toBe("10.0.0.5");
  });

  it("ignores a peer header a client sent itself when the web process does not stamp it", () => {
    const h = headers({ [PEER_HEADER]: "203.0.113.1", "x-forwarded-for": "198.51.100.2" });
    expect(clientAddress(h, trustedProxies("127.0.0.1"), false)).toBe("198.51.100.2");
  });

  it("keys the sign-in limiter on the socket, not on a spoofed X-Forwarded-For", () => {
    const hook = Symbol.for("countdown.peerAddressHook");
    const global = globalThis as Record<symbol, unknown>;
    const before = global[hook];
    global[hook] = true;
    try {
      const spoofs = ["1.2.3.4", "5.6.7.8", "9.9.9.9, 8.8.8.8"].map((xff) => signInAddress({ [PEER_HEADER]: "198.51.100.20", "x-forwarded-for": xff }));
      expect(new Set(spoofs)).toEqual(new Set(["198.51.100.20"]));
    } finally {
      global[hook] = before;
    }
  });
});
