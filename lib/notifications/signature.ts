// Signed JSON webhooks: X-Countdown-Signature is sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
// and X-Countdown-Timestamp the unix seconds it was signed at (README, "Notifications", shows how to verify).
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

export function signatureHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [SIGNATURE_HEADER]: signBody(secret, body, timestamp), [TIMESTAMP_HEADER]: String(timestamp) };
}
