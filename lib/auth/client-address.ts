// Which address a request came from, for the limits that count per client (sign-in attempts, new live streams).
// The socket's address is the truth; X-Forwarded-For is whatever the client wrote, unless the hop that wrote it is
// one of the proxies COUNTDOWN_TRUSTED_PROXIES names (addresses or CIDR ranges, comma-separated). Route handlers
// cannot see the socket, so the web process stamps it on each request (scripts/lib/peer-address-hook.mjs, loaded
// by `npm start`).
import net from "node:net";
import { config } from "@/lib/config";

export const PEER_HEADER = "x-countdown-peer-address";
const HOOK = Symbol.for("countdown.peerAddressHook");

type Headers = { get(name: string): string | null };

/** Whether this process stamps the socket's address on requests (and so a client's copy of the header is overwritten). */
export function peerHeaderTrusted(): boolean {
  return (globalThis as Record<symbol, unknown>)[HOOK] === true;
}

export function normaliseAddress(raw: string): string {
  const address = raw.trim().replace(/^\[(.*)\](:\d+)?$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

/** COUNTDOWN_TRUSTED_PROXIES as a matcher; entries that are neither an address nor a range are reported and skipped. */
export function trustedProxies(raw = config().COUNTDOWN_TRUSTED_PROXIES): net.BlockList | null {
  const entries = raw
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return null;
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const type = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : null;
    if (!type || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      console.error(`[auth] COUNTDOWN_TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range; ignored`);
      continue;
    }
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function isTrusted(list: net.BlockList, address: string): boolean {
  const type = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : null;
  return type !== null && list.check(address, type);
}

let warned = false;

/**
 * The client's address: the socket's, or, when the socket is a trusted proxy, the right-most X-Forwarded-For hop
 * that is not one (each proxy appends the address it saw, so hops left of the first untrusted one are the
 * client's own claims). Without the socket (a server started without the hook) only a configured proxy's
 * X-Forwarded-For is believed, else its right-most hop, with a warning: that one a client can choose.
 */
export function clientAddress(headers: Headers, proxies: net.BlockList | null = trustedProxies(), peerKnown = peerHeaderTrusted()): string {
  const peer = peerKnown ? normaliseAddress(headers.get(PEER_HEADER) ?? "") || null : null;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normaliseAddress).filter(Boolean);
  if (peer && (!proxies || !isTrusted(proxies, peer))) return peer;
  if (!peer && !proxies && !warned) {
    warned = true;
    console.warn(
      "[auth] the socket address is unknown (start the web process with scripts/lib/peer-address-hook.mjs, as npm start does): per-address limits use X-Forwarded-For",
    );
  }
  for (let i = hops.length - 1; i >= 0; i--) if (!proxies || !isTrusted(proxies, hops[i]) || i === 0) return hops[i];
  return peer ?? "unknown";
}
