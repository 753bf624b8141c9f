import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import { readAccess, templateFor } from "@/lib/access/read-policy";
import { ZReminder } from "@/lib/schemas/notification";
import { getTemplate } from "@/lib/templates/get-template";
import { exportFileName } from "@/lib/templates/export-runbook";
import { exportRunbookInThread } from "@/lib/templates/parse-in-thread";

/** The template as a runbook file, as much of it as the caller may read (a viewer's steps have names, no commands). */
export async function exportTemplate(id: string, caller: Caller): Promise<{ fileName: string; markdown: string }> {
  const template = templateFor(readAccess(caller), await getTemplate(id));
  const row = await db().template.findUnique({ where: { id }, select: { reminders: true } });
  const reminders = z.array(ZReminder).safeParse(row?.reminders).data ?? null;
  return { fileName: exportFileName(template.name), markdown: await exportRunbookInThread({ ...template, reminders }) };
}
