// Where sign-in returns to: a path on this site, never another origin (no open redirect through ?callbackUrl=).

/** The header the proxy sets on page requests so the dashboard layout knows the URL a signed-out visitor asked for. */
export const REQUESTED_PATH_HEADER = "x-countdown-path";

/**
 * `value` as a same-origin path with its query and fragment ("/releases/1?tab=runs"), or "/" when it is missing or
 * could leave the site: "//evil.example", "/\evil.example" (browsers read a backslash as a slash), "https://...",
 * control characters.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\") || /[\u0000-\u001f\u007f]/.test(value)) return "/";
  const base = "http://countdown.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  return url.pathname + url.search + url.hash;
}
