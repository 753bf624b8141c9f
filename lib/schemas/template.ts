// What the API answers about templates.
import { z } from "zod";

/** GET /api/templates: every template, newest first, with what it holds. */
export const ZTemplateList = z.object({
  templates: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      description: z.string().nullable(),
      createdAt: z.iso.datetime({ offset: true }),
      counts: z.object({ phases: z.number().int(), checklistItems: z.number().int(), procedures: z.number().int(), releases: z.number().int() }),
    }),
  ),
});
export type TTemplateList = z.output<typeof ZTemplateList>;
export type TTemplateSummary = TTemplateList["templates"][number];
