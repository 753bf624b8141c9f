// A blocker as data, and its sentence. The server writes the sentence for logs, API callers and the deploy gate's
// error (UTC, third person); a page renders the same data for its viewer: the time in their zone, named, and
// "you can give it" to the approver who can (components/blockers.tsx).

import type { TBlocker } from "@/lib/schemas/readiness";

export type Blocker = TBlocker;

const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;

/** "2026-12-05 16:48 UTC" */
export const utcMinute = (iso: string) => iso.slice(0, 16).replace("T", " ") + " UTC";

/** "It needs 1 more go from lead (Ari Approver can give it)"; to Ari: "(you can give it)". */
export function groupBlockerSentence(b: Extract<Blocker, { kind: "group" }>, viewerId?: string): string {
  const shown = b.candidates.slice(0, 5);
  const names = [...shown.filter((c) => c.id === viewerId).map(() => "you"), ...shown.filter((c) => c.id !== viewerId).map((c) => c.name)];
  const who = names.length
    ? names[0] === "you"
      ? ` (${names.length === 1 ? "you" : `you or ${names.slice(1).join(", ")}`} can give it)`
      : ` (${names.join(", ")} can give it)`
    : " (nobody in that group can give it yet)";
  return `It needs ${plural(b.stillNeeded, "more go", "more gos")} from ${b.anyOf.join(" or ")}${who}.`;
}

/** The sentence the server writes: times in UTC, people by name. */
export function blockerSentence(b: Blocker): string {
  if (b.kind === "text") return b.text;
  if (b.kind === "group") return groupBlockerSentence(b);
  return `${b.environment} is frozen until ${utcMinute(b.until)}: ${b.reason}.`;
}
