import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decisionDeniedReason } from "@/lib/server/decisions/eligibility";
import { decisionInclude, decisionOrder } from "@/lib/server/decisions/readiness";
import { standingVotes } from "@/lib/server/decisions/standing-votes";
import { verifyChain } from "@/lib/server/audit/verify-chains";
import { toCsv } from "@/lib/server/audit/csv";

/** A release's whole history with the hash chain, and the facts an auditor asks for first. */
export async function exportAudit(releaseId: string) {
  const release = await db().release.findUnique({ where: { id: releaseId }, include: { template: { select: { id: true, name: true } } } });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  const events = await db().event.findMany({ where: { releaseId }, orderBy: { seq: "asc" }, include: { actor: { select: { email: true } } } });
  const decisions = await db().decision.findMany({ where: { releaseId }, orderBy: decisionOrder, include: decisionInclude });
  const rollbacks = await db().run.findMany({ where: { releaseId, procedureKind: "rollback" }, orderBy: { createdAt: "asc" }, select: { id: true, status: true, createdAt: true, triggeredByRunId: true } });
  const chain = await verifyChain(db(), release);

  const approvers = standingVotes(decisions)
    .filter((d) => d.decision === "go" && decisionDeniedReason(d.user, release) === null)
    .map((d) => ({ name: d.user.name, email: d.user.email, at: d.createdAt.toISOString(), comment: d.comment }));

  return {
    release: { id: release.id, name: release.name, type: release.type, environment: release.environment, status: release.status, scheduledAt: release.scheduledAt.toISOString(), template: release.template },
    facts: {
      version: release.version,
      commitSha: release.commitSha,
      imageTag: release.imageTag,
      approvers,
      rollbackRan: rollbacks.length > 0,
      rollbacks: rollbacks.map((r) => ({ runId: r.id, status: r.status, at: r.createdAt.toISOString(), automatic: r.triggeredByRunId !== null })),
    },
    // `intact` is the server's own verdict; `npm run audit:verify -- --file` re-checks the file without us, from the
    // fields each event's hash covers (release.id, and per event seq, at, type, actorId, payload, prevHash).
    chain: { ...(chain ? { intact: false, firstBroken: { seq: chain.seq, reason: chain.reason } } : { intact: true }), head: release.lastEventHash },
    events: events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), type: e.type, actorId: e.actorId, actor: e.actor?.email ?? null, payload: e.payload, prevHash: e.prevHash, hash: e.hash })),
    exportedAt: new Date().toISOString(),
  };
}

export type AuditExport = Awaited<ReturnType<typeof exportAudit>>;

export const AUDIT_CSV_HEADER = ["seq", "at", "type", "actor", "payload", "prev_hash", "hash", "release_version", "commit_sha", "image_tag", "approvers", "rollback_ran"];

/** One row per event; the release's facts repeat on every row, so each row stands on its own in a spreadsheet. */
export function auditCsv(audit: AuditExport): string {
  const { facts } = audit;
  const approvers = facts.approvers.map((a) => a.email).join("; ");
  return toCsv(
    AUDIT_CSV_HEADER,
    audit.events.map((e) => [e.seq, e.at, e.type, e.actor, JSON.stringify(e.payload), e.prevHash, e.hash, facts.version, facts.commitSha, facts.imageTag, approvers, facts.rollbackRan]),
  );
}
