// Environment secrets are stored encrypted (AES-256-GCM) under a key derived from the app's secret, so a
// database dump alone does not reveal them. Web and worker share NEXTAUTH_SECRET (scripts/lib/prepare.ts).
import crypto from "node:crypto";
import { config } from "@/lib/config";

function key(): Buffer {
  const secret = config().COUNTDOWN_SECRET_KEY ?? config().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET (or COUNTDOWN_SECRET_KEY) must be set to store or read environment secrets");
  return Buffer.from(crypto.hkdfSync("sha256", secret, "countdown", "environment-secrets", 32));
}

export function sealSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(":");
}

export function openSecret(sealed: string): string {
  const [iv, tag, data] = sealed.split(":").map((part) => Buffer.from(part, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}
