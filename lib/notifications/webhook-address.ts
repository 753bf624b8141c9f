// Where a webhook may not point: whoever manages channels must not be able to make Countdown's servers post to
// their own machine, their private network or the cloud's metadata service (SSRF). Checked when a channel's URL
// is saved (literal addresses and localhost) and again when a delivery connects (every address the name
// resolves to, on the connection actually used). COUNTDOWN_WEBHOOK_ALLOW_HOSTS lists exceptions (lib/config.ts).
import net from "node:net";
import { config } from "@/lib/config";

const RANGES: [label: string, ranges: [string, number, "ipv4" | "ipv6"][]][] = [
  [
    "a loopback address",
    [
      ["127.0.0.0", 8, "ipv4"],
      ["::1", 128, "ipv6"],
    ],
  ],
  [
    "a private address",
    [
      ["10.0.0.0", 8, "ipv4"],
      ["172.16.0.0", 12, "ipv4"],
      ["192.168.0.0", 16, "ipv4"],
      ["100.64.0.0", 10, "ipv4"],
      ["fc00::", 7, "ipv6"],
    ],
  ],
  // Cloud metadata services answer on 169.254.169.254 (and fd00:ec2::254, a private address above).
  [
    "a link-local or metadata address",
    [
      ["169.254.0.0", 16, "ipv4"],
      ["fe80::", 10, "ipv6"],
    ],
  ],
  [
    "an unspecified address",
    [
      ["0.0.0.0", 8, "ipv4"],
      ["::", 128, "ipv6"],
    ],
  ],
  // Reserved for benchmarking (198.18.0.0/15), for the future (240.0.0.0/4, with the broadcast address), multicast,
  // documentation and discard-only: nothing a webhook should reach, and some networks route them internally.
  [
    "a reserved address",
    [
      ["198.18.0.0", 15, "ipv4"],
      ["240.0.0.0", 4, "ipv4"],
      ["224.0.0.0", 4, "ipv4"],
      ["192.0.0.0", 24, "ipv4"],
      ["192.0.2.0", 24, "ipv4"],
      ["198.51.100.0", 24, "ipv4"],
      ["203.0.113.0", 24, "ipv4"],
      ["ff00::", 8, "ipv6"],
      ["2001:db8::", 32, "ipv6"],
      ["100::", 64, "ipv6"],
    ],
  ],
  // IPv6 addresses that carry an IPv4 address a gateway connects to: NAT64 (64:ff9b::/96 and the local-use
  // 64:ff9b:1::/48), 6to4 (2002::/16), Teredo (2001::/32) and the deprecated IPv4-compatible form (::a.b.c.d). Any
  // of them can reach 127.0.0.1 or the metadata service; there is no need to post a webhook through one.
  [
    "an IPv6 address that embeds an IPv4 address",
    [
      ["64:ff9b::", 96, "ipv6"],
      ["64:ff9b:1::", 48, "ipv6"],
      ["2002::", 16, "ipv6"],
      ["2001::", 32, "ipv6"],
      ["::", 96, "ipv6"],
    ],
  ],
];

// BlockList also matches IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against the IPv4 ranges.
const LISTS = RANGES.map(([label, ranges]) => {
  const list = new net.BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return { label, list };
});

/** Hosts and addresses that may be used anyway, from COUNTDOWN_WEBHOOK_ALLOW_HOSTS ("127.0.0.1,localhost"). */
export function allowedWebhookHosts(raw = config().COUNTDOWN_WEBHOOK_ALLOW_HOSTS): Set<string> {
  return new Set(raw.split(",").map(normaliseHost).filter(Boolean));
}

/** "[::1]" -> "::1", "LocalHost." -> "localhost" */
export function normaliseHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

/** What kind of address this is when webhooks may not go there ("a private address"), else null. */
export function blockedAddressKind(address: string): string | null {
  const family = net.isIP(address);
  if (!family) return null;
  const type = family === 6 ? "ipv6" : "ipv4";
  return LISTS.find(({ list }) => list.check(address, type))?.label ?? null;
}

const isLocalhostName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** Why a resolved (or literal) address may not be connected to, or null; the allow-list is honoured. */
export function addressRefusal(address: string, allow: Set<string>): string | null {
  const normalised = normaliseHost(address);
  if (allow.has(normalised)) return null;
  const kind = blockedAddressKind(normalised);
  return kind ? `${normalised} is ${kind}` : null;
}

/**
 * Why a webhook URL may not be saved as written, or null: its host is a literal blocked address or a name of this
 * machine (localhost). Other names are checked when a delivery resolves them (they may change meanwhile anyway).
 */
export function webhookUrlRefusal(url: string, allow = allowedWebhookHosts()): string | null {
  const host = normaliseHost(new URL(url).hostname);
  if (allow.has(host)) return null;
  if (isLocalhostName(host)) return `${host} is this machine`;
  return addressRefusal(host, allow);
}
