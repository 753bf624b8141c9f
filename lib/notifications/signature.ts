// Signed JSON webhooks: X-Countdown-Signature is sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
// and X-Countdown-Timestamp the unix seconds it was signed at (docs/notifications.md shows how to verify).
// After a secret is rotated, and for a grace period, the header carries one signature per secret, newest first,
// separated by commas: "sha256=<with the new secret>,sha256=<with the old one>". A receiver accepts any of them.
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "X-Countdown-Signature";
export const TIMESTAMP_HEADER = "X-Countdown-Timestamp";
const SECRET_PREFIX = "cdwh_";

export function newSigningSecret(): string {
  return SECRET_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export function signBody(secret: string, body: string, timestamp: number): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The headers for a body signed with each of `secrets` (the current one first). */
export function signatureHeaders(secrets: string | readonly string[], body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const signatures = (typeof secrets === "string" ? [secrets] : secrets).map((secret) => signBody(secret, body, timestamp));
  return { [SIGNATURE_HEADER]: signatures.join(","), [TIMESTAMP_HEADER]: String(timestamp) };
}
