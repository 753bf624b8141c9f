import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureKind, StepKind } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import type { TReimportAnswer } from "@/lib/schemas/template-import";
import { withTemplateVersion } from "@/lib/templates/edit/with-template-version";
import { getTemplate } from "@/lib/templates/get-template";
import { decodeRunbook } from "@/lib/templates/import-template";
import { parseRunbookWithSourceInThread } from "@/lib/templates/parse-in-thread";
import { applyDiff, diffGroups, PHASE_KEYS, phaseGroups, procedureGroups, PROCEDURE_KEYS, type Group } from "@/lib/templates/plan-diff";
import { previewCounts, previewGroups } from "@/lib/templates/reimport-preview";
import { comparablePlan, draftFromRunbook, type PlanDraft } from "@/lib/templates/runbook-draft";

// A changed runbook onto a template it was imported from. The "old import" is the runbook's Markdown the template
// keeps from its last import (Template.runbook, credentials replaced): the diff old -> new is applied onto the
// template as it is now, so what was edited in Countdown and not changed in the runbook stays. A template that keeps
// none (made before, or not imported) is compared with itself: the runbook then wins wherever it differs.

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function currentPlan(template: Awaited<ReturnType<typeof getTemplate>>, reminders: unknown): PlanDraft {
  return {
    phases: template.phases,
    procedures: template.procedures as PlanDraft["procedures"],
    thresholds: (Array.isArray(template.thresholds) ? template.thresholds : []) as PlanDraft["thresholds"],
    reminders: Array.isArray(reminders) ? (reminders as PlanDraft["reminders"]) : [],
  };
}

export async function reimportTemplate(id: string, body: Buffer, options: { confirm: boolean; version?: number }): Promise<TReimportAnswer> {
  const markdown = decodeRunbook(body);
  // An empty body would remove every phase and procedure: surely a mistake, never applied.
  if (markdown.trim() === "") throw new AppError("UNPROCESSABLE", "body: the runbook is empty", { field: "body" });
  const template = await getTemplate(id);
  const stored = await db().template.findUniqueOrThrow({ where: { id }, select: { runbook: true, reminders: true } });
  // Off the request thread, under the import's budget: a pathological document answers 422 TOO_COMPLEX.
  const { parsed, source } = await parseRunbookWithSourceInThread(markdown);
  const next = draftFromRunbook(parsed);
  const current = currentPlan(template, stored.reminders);
  const old = stored.runbook === null ? current : draftFromRunbook((await parseRunbookWithSourceInThread(stored.runbook)).parsed);

  const phaseDiff = diffGroups(phaseGroups(old.phases), phaseGroups(next.phases), PHASE_KEYS);
  const procedureDiff = diffGroups(procedureGroups(old.procedures), procedureGroups(next.procedures), PROCEDURE_KEYS);
  const currentPhases = phaseGroups(current.phases);
  const currentProcedures = procedureGroups(current.procedures);
  const phases = applyDiff(phaseDiff, currentPhases, PHASE_KEYS);
  const procedures = applyDiff(procedureDiff, currentProcedures, PROCEDURE_KEYS);
  const groups = [...previewGroups(currentPhases, phases, "phase", PHASE_KEYS), ...previewGroups(currentProcedures, procedures, "procedure", PROCEDURE_KEYS)];
  const oldView = comparablePlan(old);
  const nextView = comparablePlan(next);
  const thresholdsChanged = !same(oldView.thresholds, nextView.thresholds);
  const remindersChanged = !same(oldView.reminders, nextView.reminders);
  const answer = {
    applied: false,
    version: template.version,
    basis: stored.runbook === null ? ("template" as const) : ("last-import" as const),
    groups,
    counts: previewCounts(groups),
    thresholdsChanged,
    remindersChanged,
    warnings: parsed.warnings,
    credentials: parsed.credentials,
  };
  if (!options.confirm) return answer;
  if (options.version === undefined) throw new AppError("UNPROCESSABLE", "version: send the template's version to apply the runbook", { field: "version" });

  const saved = await withTemplateVersion(id, options.version, async (tx) => {
    await writePlan(tx, id, phases, procedures);
    await tx.template.update({
      where: { id },
      data: {
        ...(thresholdsChanged ? { thresholds: parsed.thresholds as Prisma.InputJsonArray } : {}),
        ...(remindersChanged ? { reminders: next.reminders.length > 0 ? (next.reminders as Prisma.InputJsonArray) : Prisma.DbNull } : {}),
        // What the runbook says for reading is the runbook's: it is not edited in Countdown.
        references: parsed.references as Prisma.InputJsonArray,
        unplaced: parsed.unplaced as Prisma.InputJsonArray,
        canaries: parsed.canaries as Prisma.InputJsonArray,
        coverage: parsed.coverage,
        runbook: source,
      },
    });
    return {};
  });
  return { ...answer, applied: true, version: saved.version };
}

/** The template's phases and procedures replaced by the merged ones; kept rows keep their ids. */
async function writePlan(tx: Prisma.TransactionClient, templateId: string, phases: Group[], procedures: Group[]) {
  await tx.templatePhase.deleteMany({ where: { templateId } });
  await tx.templateProcedure.deleteMany({ where: { templateId } });
  const withIds = (groups: Group[]) => groups.map((g) => ({ ...g, id: g.id ?? crypto.randomUUID() }));
  const phaseRows = withIds(phases);
  const procedureRows = withIds(procedures);
  await tx.templatePhase.createMany({
    data: phaseRows.map((p, position) => ({
      id: p.id,
      templateId,
      position,
      title: String(p.head.title),
      offsetMinutes: p.head.offsetMinutes as number | null,
    })),
  });
  await tx.templateItem.createMany({
    data: phaseRows.flatMap((p) =>
      p.entries.map((e, position) => ({
        id: e.id ?? crypto.randomUUID(),
        phaseId: p.id,
        position,
        text: String(e.fields.text),
        details: (e.fields.details as string | null) ?? null,
        required: e.fields.required !== false,
        ownerRole: (e.fields.ownerRole as string | null) ?? null,
      })),
    ),
  });
  await tx.templateProcedure.createMany({
    data: procedureRows.map((p, position) => ({ id: p.id, templateId, position, name: String(p.head.name), kind: p.head.kind as ProcedureKind })),
  });
  await tx.templateStep.createMany({
    data: procedureRows.flatMap((p) =>
      p.entries.map(({ id, fields: { kind, text, ...config } }, position) => ({
        id: id ?? crypto.randomUUID(),
        procedureId: p.id,
        position,
        kind: kind as StepKind,
        text: String(text),
        config: config as Prisma.InputJsonObject,
      })),
    ),
  });
}
