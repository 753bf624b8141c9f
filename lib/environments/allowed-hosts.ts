// An environment may list the hosts its http and watch steps may reach (protection.allowedHosts): "api.example.com"
// exactly, or "*.example.com" for any host below example.com. Empty: any host, as before. Pure: the worker's steps
// and the API's validation read the same rule.

/** "API.Example.com." -> "api.example.com"; "[::1]" -> "::1". */
export function normaliseHostName(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

/** A host pattern as an admin may write it: a host name, an IP address, or "*." and a domain. */
export const HOST_PATTERN = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$|^[0-9a-f:.]+$/;

export function hostAllowed(url: string, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.length === 0) return true;
  let host: string;
  try {
    host = normaliseHostName(new URL(url).hostname);
  } catch {
    return false;
  }
  return allowedHosts.some((pattern) => {
    const p = normaliseHostName(pattern);
    return p.startsWith("*.") ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
  });
}

/** The words a refused step says. */
export function hostRefusal(url: string, environment: string): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the text as given
  }
  return `${host} is not among the hosts ${environment} allows (its protection's allowed hosts)`;
}
