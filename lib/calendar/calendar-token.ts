import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import type { TCalendarLink } from "@/lib/schemas/calendar";

const PREFIX = "cdc_";

/** A new calendar feed token for the caller; the previous one stops working. Shown once, stored hashed. */
export async function rotateCalendarToken(caller: Caller, baseUrl: string): Promise<TCalendarLink> {
  const token = PREFIX + crypto.randomBytes(24).toString("base64url");
  const tokenHash = hashToken(token);
  await db().calendarToken.upsert({ where: { userId: caller.id }, create: { userId: caller.id, tokenHash }, update: { tokenHash, createdAt: new Date() } });
  return { url: `${baseUrl.replace(/\/$/, "")}/api/calendar.ics?token=${token}`, token };
}

/** The feed's owner; a calendar token is good for the feed and nothing else. */
export async function userForCalendarToken(token: string | undefined) {
  const row = token?.startsWith(PREFIX) ? await db().calendarToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } }) : null;
  if (!row || row.user.disabledAt) throw new AppError("UNAUTHENTICATED", "The calendar token is invalid; make a new feed link on the calendar page");
  return row.user;
}
