import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MESSAGE_PLACEHOLDERS } from "@/lib/notifications/render-message";
import { reminderPlan } from "@/lib/notifications/reminder-plan";
import type { TRemindersView } from "@/lib/schemas/notification";

/** A template's communication plan (the default one until someone saves it), with the template's version. */
export async function getReminders(templateId: string): Promise<TRemindersView> {
  const template = await db().template.findUnique({ where: { id: templateId }, select: { reminders: true, version: true } });
  if (!template) throw new AppError("NOT_FOUND", "Template not found");
  const reminders = reminderPlan(template.reminders).toSorted((a, b) => a.offsetMinutes - b.offsetMinutes);
  return { reminders, isDefault: template.reminders === null, version: template.version, placeholders: [...MESSAGE_PLACEHOLDERS] };
}
