import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { apiDecision } from "@/lib/schemas/decision";
import { decisionOrder } from "@/lib/decisions/readiness";
import { standingVotes } from "@/lib/decisions/standing-votes";
import { verifyChain } from "@/lib/audit/verify-chains";
import { toCsv } from "@/lib/audit/csv";
import type { TAuditExport } from "@/lib/schemas/audit";

/** A release's whole history with the hash chain, and the facts an auditor asks for first. */
export async function exportAudit(releaseId: string): Promise<TAuditExport> {
  const release = await db().release.findUnique({ where: { id: releaseId }, include: { template: { select: { id: true, name: true } } } });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  const events = await db().event.findMany({ where: { releaseId }, orderBy: { seq: "asc" }, include: { actor: { select: { email: true } } } });
  // Who voted is read from the user table only for the name and email; everything else is the vote as recorded.
  const decisions = await db().decision.findMany({
    where: { releaseId },
    orderBy: decisionOrder,
    include: { user: { select: { id: true, name: true, email: true } } },
  });
  const rollbacks = await db().run.findMany({
    where: { releaseId, procedureKind: "rollback" },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, createdAt: true, triggeredByRunId: true },
  });
  const chain = await verifyChain(db(), release);

  // The gos that stand, as they were given: never dropped because the voter was since demoted or disabled. Only
  // the release's creator and manager are left out (frozen with the release once it is final).
  const approvers = standingVotes(decisions)
    .filter((d) => d.decision === "go" && d.userId !== release.createdById && d.userId !== release.managerId)
    .map((d) => ({ name: d.user.name, email: d.user.email, role: d.authorRole, at: d.createdAt.toISOString(), comment: d.comment }));
  // Every vote ever cast, withdrawn and overridden ones included, each with its author's role at the time.
  const votes = decisions.map((d) => ({
    decisionId: d.id,
    user: { id: d.user.id, name: d.user.name, email: d.user.email },
    roleAtVote: d.authorRole,
    decision: apiDecision(d.decision),
    comment: d.comment,
    at: d.createdAt.toISOString(),
    withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
    overridden: d.overriddenById ? { byId: d.overriddenById, reason: d.overrideReason } : null,
  }));

  return {
    release: {
      id: release.id,
      name: release.name,
      type: release.type,
      environment: release.environment,
      status: release.status,
      scheduledAt: release.scheduledAt.toISOString(),
      template: release.template,
    },
    facts: {
      version: release.version,
      commitSha: release.commitSha,
      imageTag: release.imageTag,
      approvers,
      votes,
      rollbackRan: rollbacks.length > 0,
      rollbacks: rollbacks.map((r) => ({ runId: r.id, status: r.status, at: r.createdAt.toISOString(), automatic: r.triggeredByRunId !== null })),
    },
    // `intact` is the server's own verdict; `npm run audit:verify -- --file` re-checks the file without us, from the
    // fields each event's hash covers (release.id, and per event seq, at, type, actorId, payload, prevHash).
    chain: { ...(chain ? { intact: false, firstBroken: { seq: chain.seq, reason: chain.reason } } : { intact: true }), head: release.lastEventHash },
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      type: e.type,
      actorId: e.actorId,
      actor: e.actor?.email ?? null,
      payload: e.payload,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    exportedAt: new Date().toISOString(),
  };
}

export type AuditExport = Awaited<ReturnType<typeof exportAudit>>;

export const AUDIT_CSV_HEADER = [
  "seq",
  "at",
  "type",
  "actor",
  "payload",
  "prev_hash",
  "hash",
  "release_version",
  "commit_sha",
  "image_tag",
  "approvers",
  "rollback_ran",
];

/** One row per event; the release's facts repeat on every row, so each row stands on its own in a spreadsheet. */
export function auditCsv(audit: AuditExport): string {
  const { facts } = audit;
  const approvers = facts.approvers.map((a) => a.email).join("; ");
  return toCsv(
    AUDIT_CSV_HEADER,
    audit.events.map((e) => [
      e.seq,
      e.at,
      e.type,
      e.actor,
      JSON.stringify(e.payload),
      e.prevHash,
      e.hash,
      facts.version,
      facts.commitSha,
      facts.imageTag,
      approvers,
      facts.rollbackRan,
    ]),
  );
}
