import "server-only";
import { db, sql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MANAGERS, type Caller } from "@/lib/auth/roles";
import type { TTickedItem, TTickItem } from "@/lib/schemas/release";
import { FINAL_STATUSES } from "@/lib/releases/lifecycle";
import { eventArgs } from "@/lib/events/append-event";
import { DECIDER_ROLES } from "@/lib/decisions/eligibility";
import { recordReadiness } from "@/lib/decisions/record-readiness";
import { forgetRelease } from "@/lib/releases/release-cache";
import { BEFORE_DEPLOY, waitsForDeploy, waitsForDeployReason } from "@/lib/releases/post-launch";

/** A final release's checklist is closed (lib/releases/lifecycle.ts). */
const CLOSED: string[] = [...FINAL_STATUSES];
/** An item due after T-0 waits for the deploy, or a manager's early tick (post-launch.ts, the same rule). */
const BEFORE_DEPLOY_STATUSES: string[] = [...BEFORE_DEPLOY];

/** Item texts by id: a release item's text never changes, so after the first tick of an item a tick is one statement. */
const itemTexts = new Map<string, { releaseId: string; text: string }>();
const MAX_ITEM_TEXTS = 20_000;

async function itemText(releaseId: string, itemId: string): Promise<string | null> {
  const known = itemTexts.get(itemId);
  if (known) return known.releaseId === releaseId ? known.text : null;
  const [row] = await sql<{ text: string }>`SELECT text FROM "ReleaseItem" WHERE id = ${itemId}::uuid AND "releaseId" = ${releaseId}::uuid`;
  if (!row) return null;
  if (itemTexts.size >= MAX_ITEM_TEXTS) itemTexts.delete(itemTexts.keys().next().value!);
  itemTexts.set(itemId, { releaseId, text: row.text });
  return row.text;
}

type Ticked = { id: string; checked: boolean; checkedAt: Date | null; note: string | null; version: number; seq: number; mayFlip: boolean };

/**
 * Ticks or unticks a checklist item. The change and its event are one autocommit statement (a prepared statement
 * on the pool, lib/db.ts `sql`): the UPDATE carries the version check (of any number of concurrent ticks with the
 * same version exactly one wins, the rest get 409) and the release-open check, and appends the event through countdown_append_event. So the release row, which
 * every writer of the release queues for, is locked only while the database runs that statement and commits,
 * never across a round trip to this process (fifty managers ticking one release at once; bench/README.md).
 * The same statement asks the database whether the tick may have flipped the release's readiness (a required
 * item due before T-0, and the last one open or the release ready: countdown_tick_may_flip_readiness, prisma/sql/); only then
 * does a second transaction evaluate readiness and record the move (record-readiness.ts).
 */
export async function tickItem(releaseId: string, itemId: string, input: TTickItem, caller: Caller): Promise<TTickedItem> {
  // The item's text goes into the event (and so into its digest, computed before the statement).
  const text = await itemText(releaseId, itemId);
  if (text === null) throw new AppError("NOT_FOUND", "Checklist item not found");

  const now = new Date();
  const e = eventArgs(releaseId, {
    type: input.checked ? "item.checked" : "item.unchecked",
    actorId: caller.id,
    payload: { itemId, text, ...(input.note ? { note: input.note } : {}), ...(input.early ? { early: true } : {}) },
  });
  // Only managers tick early (the route lets admins and managers in; a token acts with its owner's role).
  if (input.early && !MANAGERS.includes(caller.role)) throw new AppError("FORBIDDEN", "Only a release manager can tick an item early");
  const noteGiven = input.note !== undefined;
  const [row] = await sql<Ticked>`
    WITH ticked AS (
      UPDATE "ReleaseItem" i
      SET checked = ${input.checked}::boolean,
          note = CASE WHEN ${noteGiven}::boolean THEN NULLIF(${input.note ?? ""}::text, '') ELSE i.note END,
          "checkedById" = ${input.checked ? caller.id : null}::uuid,
          "checkedAt" = ${input.checked ? now : null}::timestamptz,
          version = i.version + 1
      FROM "Release" r
      WHERE i.id = ${itemId}::uuid AND i."releaseId" = ${releaseId}::uuid AND i.version = ${input.version}::int
        AND r.id = i."releaseId" AND r.status::text <> ALL (${CLOSED}::text[])
        -- An item due after T-0 is ticked once the deploy started, or early on purpose (a phase by its primary key).
        AND (NOT ${input.checked}::boolean OR ${input.early === true}::boolean OR r.status::text <> ALL (${BEFORE_DEPLOY_STATUSES}::text[])
          OR NOT EXISTS (SELECT 1 FROM "ReleasePhase" p WHERE p.id = i."phaseId" AND p."offsetMinutes" > 0))
      RETURNING i.id, i.checked, i."checkedAt", i.note, i.version
    )
    SELECT t.*, a.seq, f.may_flip AS "mayFlip" FROM ticked t,
      LATERAL countdown_append_event(${releaseId}::uuid, ${e.type}::text, ${e.actorId}::uuid, ${e.at}::timestamptz, ${e.payloadJson}::jsonb, ${e.digest}::text) a,
      LATERAL countdown_tick_may_flip_readiness(${releaseId}::uuid, t.id, t.checked, a.seq) f(may_flip)`;
  if (!row) throw await whyNotTicked(releaseId, itemId, input);
  // An admin may both tick and vote: ticking a required item makes them a driver, and a go of theirs stops counting
  // (eligibility.ts), which the database's may-flip answer does not know about.
  const droppedOwnGo = input.checked && DECIDER_ROLES.includes(caller.role);
  if (row.mayFlip || droppedOwnGo) {
    // The tick is committed: should recording the move fail, the tick's answer stays true (its version moved on),
    // the next change that may flip readiness records it, and readiness shown and the deploy gate are live anyway.
    await db()
      .$transaction((tx) => recordReadiness(tx, releaseId, caller.id))
      .catch((err: unknown) => console.error(`[readiness] could not record a readiness move of release ${releaseId} after a tick:`, err));
  }
  // The NOTIFY reaches every web process's copy within a moment; this process's own is dropped now, so the
  // manager's next read (often the very next request) shows the tick.
  forgetRelease(releaseId);
  return {
    id: row.id,
    checked: row.checked,
    checkedBy: row.checked ? { id: caller.id, name: caller.name } : null,
    checkedAt: row.checkedAt?.toISOString() ?? null,
    note: row.note,
    version: row.version,
  };
}

/** The statement changed nothing: the release is closed, the item is gone, or someone else changed it first. */
async function whyNotTicked(releaseId: string, itemId: string, input: TTickItem): Promise<AppError> {
  const current = await db().releaseItem.findFirst({
    where: { id: itemId, releaseId },
    include: { checkedBy: { select: { id: true, name: true } }, release: { select: { status: true } }, phase: { select: { offsetMinutes: true } } },
  });
  if (!current) return new AppError("NOT_FOUND", "Checklist item not found");
  if (CLOSED.includes(current.release.status))
    return new AppError("CONFLICT", `The release is ${current.release.status.replace("_", " ")}; its checklist is closed`);
  const offset = current.phase.offsetMinutes;
  if (input.checked && !input.early && waitsForDeploy(current.release.status, offset))
    return new AppError("CONFLICT", `${waitsForDeployReason(offset!)}. A release manager can tick it early.`, {
      field: "early",
      state: current.release.status,
    });
  return new AppError("CONFLICT", "This item was changed by someone else; reload to see the current state", {
    field: "version",
    current: { checked: current.checked, version: current.version, checkedBy: current.checkedBy, note: current.note },
  });
}
