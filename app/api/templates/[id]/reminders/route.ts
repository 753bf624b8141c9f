// GET, PUT /api/templates/:id/reminders - the template's communication plan (signed in / release manager)
import { route } from "@/lib/api/route";
import { MANAGERS, SIGNED_IN } from "@/lib/auth/roles";
import { ZRemindersView, ZSaveReminders } from "@/lib/schemas/notification";
import { ZTemplateParams } from "@/lib/schemas/template-edit";
import { getReminders } from "@/lib/notifications/get-reminders";
import { saveReminders } from "@/lib/notifications/save-reminders";

export const GET = route({ roles: SIGNED_IN, params: ZTemplateParams, response: ZRemindersView }, ({ params }) => getReminders(params.id));

export const PUT = route({ roles: MANAGERS, params: ZTemplateParams, body: ZSaveReminders, response: ZRemindersView }, ({ params, body }) =>
  saveReminders(params.id, body),
);
