// Worker-side (notification.deliver): one POST to a webhook receiver over node:http(s), connecting only to an
// address the SSRF guard accepts. The guard sits in the connection's own DNS lookup, so the address checked is
// the address connected to (a name cannot resolve to a public address for a check and to 127.0.0.1 for the
// request). No redirects are followed: a receiver that answers 3xx is misconfigured, and following it could
// send the body elsewhere.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { addressRefusal, allowedWebhookHosts, normaliseHost } from "@/lib/notifications/webhook-address";

/** The receiver's address is one webhooks may not reach: failed at once, never retried. */
export class RefusedAddressError extends Error {
  readonly code = "EREFUSEDADDRESS";
  constructor(message: string) {
    super(message);
    this.name = "RefusedAddressError";
  }
}

type LookupAll = (
  hostname: string,
  options: dns.LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
) => void;

/**
 * A `lookup` for net.connect that refuses the connection when any address the name resolves to is blocked.
 * Node asks for one address or (with autoSelectFamily) for all of them; both shapes are answered.
 */
export function guardedLookup(allow: Set<string>, resolve: LookupAll = dns.lookup as LookupAll): LookupFunction {
  return ((
    hostname: string,
    options: dns.LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
  ) => {
    resolve(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const refused = allow.has(normaliseHost(hostname)) ? null : addresses.map((a) => addressRefusal(a, allow)).find(Boolean);
      if (refused) return callback(new RefusedAddressError(`refused to connect to ${normaliseHost(hostname)}: ${refused}`), address, family);
      callback(null, address, family);
    });
  }) as LookupFunction;
}

export type WebhookAnswer = { status: number; statusText: string };

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  allow = allowedWebhookHosts(),
): Promise<WebhookAnswer> {
  const target = new URL(url);
  // A literal address is connected to without a lookup: check it here.
  const literal = addressRefusal(target.hostname, allow);
  if (literal) return Promise.reject(new RefusedAddressError(`refused to connect: ${literal}`));
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allow),
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        // The answer's body is not used; read to its end, so the timeout covers the whole exchange.
        res.on("error", reject);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "" }));
        res.resume();
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
