import type dns from "node:dns";
import { describe, expect, it } from "vitest";
import { guardedLookup, RefusedAddressError } from "@/lib/notifications/post-webhook";

type Answer = { err: Error | null; address: string | dns.LookupAddress[]; family?: number };

/** Runs the guarded lookup over a fake resolver that answers `records` (one address, or all of them when asked). */
function lookup(hostname: string, records: dns.LookupAddress[], allow: string[] = [], all = true): Promise<Answer> {
  const resolve = (
    _host: string,
    options: dns.LookupOptions,
    cb: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
  ) => (options.all ? cb(null, records) : cb(null, records[0].address, records[0].family));
  const guarded = guardedLookup(new Set(allow), resolve);
  return new Promise((done) =>
    guarded(hostname, { all }, (err: Error | null, address: string | dns.LookupAddress[], family?: number) => done({ err, address, family })),
  );
}

describe("the connection's lookup", () => {
  it("refuses a name that resolves to a blocked address, whichever shape Node asks for", async () => {
    const rebinding = [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ];
    const all = await lookup("hooks.example.com", rebinding);
    expect(all.err).toBeInstanceOf(RefusedAddressError);
    expect(all.err?.message).toBe("refused to connect to hooks.example.com: 10.0.0.5 is a private address");
    const one = await lookup("metadata.google.internal", [{ address: "169.254.169.254", family: 4 }], [], false);
    expect(one.err?.message).toBe("refused to connect to metadata.google.internal: 169.254.169.254 is a link-local or metadata address");
  });

  it("passes public addresses through unchanged, and allow-listed names or addresses", async () => {
    expect(await lookup("hooks.slack.com", [{ address: "52.1.2.3", family: 4 }])).toEqual({
      err: null,
      address: [{ address: "52.1.2.3", family: 4 }],
      family: undefined,
    });
    expect(await lookup("hooks.slack.com", [{ address: "52.1.2.3", family: 4 }], [], false)).toEqual({ err: null, address: "52.1.2.3", family: 4 });
    expect((await lookup("localhost", [{ address: "127.0.0.1", family: 4 }], ["localhost"])).err).toBeNull();
    expect((await lookup("receiver.test", [{ address: "127.0.0.1", family: 4 }], ["127.0.0.1"])).err).toBeNull();
    expect((await lookup("receiver.test", [{ address: "::1", family: 6 }], ["127.0.0.1"])).err).toBeInstanceOf(RefusedAddressError);
  });
});
