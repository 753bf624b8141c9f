// PUT /api/templates/:id/schedule - set or clear the template's recurring release train (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZTemplateParams } from "@/lib/schemas/template-edit";
import { ZSaveTrainSchedule, ZTrainScheduleSaved } from "@/lib/schemas/train";
import { saveTrainSchedule } from "@/lib/templates/save-train-schedule";

export const PUT = route({ roles: MANAGERS, params: ZTemplateParams, body: ZSaveTrainSchedule, response: ZTrainScheduleSaved }, ({ params, body }) =>
  saveTrainSchedule(params.id, body),
);
