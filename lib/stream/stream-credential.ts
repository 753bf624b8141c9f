import "server-only";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import type { ShareCaller } from "@/lib/auth/share-caller";
import type { Role } from "@/lib/generated/prisma/enums";
import { audienceOf, type Audience } from "@/lib/stream/read-release-log";
import { releaseSignals } from "@/lib/stream/release-signals";

// A live stream outlives the request that authorised it: every stream asks again, at least every re-check interval,
// whether its credential still holds (a share link or token revoked or expired, the user disabled) and what its
// holder may read now (an approver demoted to viewer stops getting output lines). A thousand streams of one share
// link ask the database once: answers are shared per credential for half the interval, so a revocation is seen
// within one interval. Changes to users and tokens are also announced (caller-cache.ts): those clear the answers
// at once, and a share link's revocation is an event of its release, which its streams see.
export type EndReason = "revoked" | "expired" | "disabled";
export type CredentialState = { live: true; audience: Audience } | { live: false; reason: EndReason };

type Answer = { at: number; state: Promise<CredentialState> };
const answers = new Map<string, Answer>();
let subscribed = false;
let authChanges = 0;

export function forgetCredential(key?: string): void {
  if (key) answers.delete(key);
  else answers.clear();
}

/** A number that grows on every announced change to users or tokens: streams re-check when it moved. */
export function authChangeCount(): number {
  if (!subscribed) {
    subscribed = true;
    releaseSignals().subscribeAuth(() => {
      authChanges++;
      answers.clear();
    });
  }
  return authChanges;
}

export function credentialKey(caller: Caller | ShareCaller): string {
  if ("kind" in caller) return `share:${caller.linkId}`;
  return caller.via === "token" && caller.tokenId ? `token:${caller.tokenId}` : `user:${caller.id}`;
}

/** The credential's state now, or as of at most `maxAgeMs` ago. */
export function checkCredential(caller: Caller | ShareCaller, maxAgeMs: number, now = Date.now()): Promise<CredentialState> {
  authChangeCount();
  // Known without asking: a session cookie's or a token's end (answers below are shared by all sessions of a user).
  if ("via" in caller && caller.expiresAt && caller.expiresAt.getTime() <= now) return Promise.resolve({ live: false, reason: "expired" });
  const key = credentialKey(caller);
  const cached = answers.get(key);
  if (cached && now - cached.at < maxAgeMs) return cached.state;
  const state = load(caller);
  const answer = { at: now, state };
  answers.set(key, answer);
  // A failed read is not an answer to share: the next stream asks again.
  state.catch(() => answers.get(key) === answer && answers.delete(key));
  if (answers.size > 20_000) answers.delete(answers.keys().next().value!);
  return state;
}

async function load(caller: Caller | ShareCaller): Promise<CredentialState> {
  if ("kind" in caller) {
    const link = await db().shareLink.findUnique({ where: { id: caller.linkId }, select: { revokedAt: true, expiresAt: true } });
    if (!link || link.revokedAt) return { live: false, reason: "revoked" };
    if (link.expiresAt.getTime() <= Date.now()) return { live: false, reason: "expired" };
    return { live: true, audience: "stakeholder" };
  }
  if (caller.via === "token" && caller.tokenId) {
    const token = await db().apiToken.findUnique({
      where: { id: caller.tokenId },
      select: { revokedAt: true, expiresAt: true, user: { select: { role: true, disabledAt: true } } },
    });
    if (!token || token.revokedAt) return { live: false, reason: "revoked" };
    if (token.expiresAt.getTime() <= Date.now()) return { live: false, reason: "expired" };
    return userState(token.user);
  }
  return userState(await db().user.findUnique({ where: { id: caller.id }, select: { role: true, disabledAt: true } }));
}

function userState(user: { role: Role; disabledAt: Date | null } | null): CredentialState {
  if (!user || user.disabledAt) return { live: false, reason: "disabled" };
  return { live: true, audience: audienceOf(user.role) };
}
