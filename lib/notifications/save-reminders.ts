import "server-only";
import type { TRemindersView, TSaveReminders } from "@/lib/schemas/notification";
import { withTemplateVersion } from "@/lib/templates/edit/with-template-version";
import { getReminders } from "@/lib/notifications/get-reminders";

/**
 * Replaces a template's communication plan (409 when `version` is stale). A reminder is known by its offset: one
 * that already fired for a release does not fire again after its message is edited.
 */
export async function saveReminders(templateId: string, input: TSaveReminders): Promise<TRemindersView> {
  const reminders = input.reminders.toSorted((a, b) => a.offsetMinutes - b.offsetMinutes);
  await withTemplateVersion(templateId, input.version, async (tx) => {
    await tx.template.update({ where: { id: templateId }, data: { reminders } });
    return {};
  });
  return getReminders(templateId);
}
