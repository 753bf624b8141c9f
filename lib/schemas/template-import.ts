import { z } from "zod";
import { ZRunbookCredential } from "@/lib/schemas/runbook";

// POST /api/templates/:id/import: a changed runbook onto a template, previewed, then applied with the version.

export const ZReimportQuery = z
  .object({
    /** "true": apply the diff (with `version`); absent or "false": only preview it. */
    confirm: z.enum(["true", "false"]).optional(),
    version: z.coerce.number().int().min(1).optional(),
  })
  .strict();

const ZChangeKind = z.enum(["added", "removed", "changed"]);

/** An item or a step that the changed runbook adds, removes or changes (`before`: its text until now, when changed). */
export const ZReimportEntry = z.object({ change: ZChangeKind, text: z.string(), before: z.string().nullable(), fields: z.array(z.string()) }).strict();

/** A phase (with its items) or a procedure (with its steps) that changes, or whose items or steps do. */
export const ZReimportGroup = z
  .object({
    kind: z.enum(["phase", "procedure"]),
    change: ZChangeKind,
    name: z.string(),
    before: z.string().nullable(),
    fields: z.array(z.string()),
    entries: z.array(ZReimportEntry),
  })
  .strict();

export const ZReimportAnswer = z
  .object({
    applied: z.boolean(),
    /** The template's version: send it back with confirm=true to apply (after applying: the new version). */
    version: z.number().int(),
    /** What the runbook is compared with: the runbook last imported, or (none stored) the template as it is. */
    basis: z.enum(["last-import", "template"]),
    groups: z.array(ZReimportGroup),
    counts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }).strict(),
    thresholdsChanged: z.boolean(),
    remindersChanged: z.boolean(),
    warnings: z.array(z.string()),
    credentials: z.array(ZRunbookCredential),
  })
  .strict();
export type TReimportAnswer = z.output<typeof ZReimportAnswer>;
export type TReimportGroup = z.output<typeof ZReimportGroup>;
