import type { THttpRequest } from "@/lib/schemas/step";

// `${NAME}` in an http step (an imported runbook's credential, lib/runbook/runbook-credentials.ts) is resolved when
// the step runs, from the run's environment: the environment's secrets and variables. The stored step keeps only the
// reference; the resolved value exists in the worker's memory for the request and is masked in everything shown.

const REFERENCE = /\$\{([A-Z_][A-Z0-9_]*)\}/g;

export type ResolvedRequest = { request: THttpRequest; missing: string[] };

export function resolveRequestReferences(request: THttpRequest, env: Record<string, string>): ResolvedRequest {
  const missing = new Set<string>();
  const resolve = (text: string, encode = (v: string) => v) =>
    text.replace(REFERENCE, (all, name: string) => {
      if (env[name] !== undefined) return encode(env[name]);
      missing.add(name);
      return all;
    });
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, resolve(v)]));
  let url = resolveUrl(request.url, resolve);
  // `https://user:${PASSWORD}@host` from a runbook: fetch refuses credentials in a URL, so they become Basic auth.
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed && (parsed.username || parsed.password) && !Object.keys(headers).some((h) => h.toLowerCase() === "authorization")) {
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    parsed.username = "";
    parsed.password = "";
    url = parsed.toString();
  }
  return { request: { ...request, url, headers, ...(request.body !== undefined ? { body: resolve(request.body) } : {}) }, missing: [...missing] };
}

/**
 * A value in the URL's user-info or query is URL-encoded (a secret with `@`, `/`, `&` or `#` must not change the
 * URL's shape); elsewhere (a host, a path) it goes in as it is.
 */
function resolveUrl(url: string, resolve: (text: string, encode?: (v: string) => string) => string): string {
  const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
  if (!userInfo) return resolve(url);
  const [, scheme, credentials = "", rest, query = "", fragment = ""] = userInfo;
  return scheme + resolve(credentials, encodeURIComponent) + resolve(rest) + resolve(query, encodeURIComponent) + resolve(fragment);
}
