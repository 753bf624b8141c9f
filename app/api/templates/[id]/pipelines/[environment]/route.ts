// PUT /api/templates/:id/pipelines/:environment - set an environment's deploy pipeline: its procedures in order, with the template's version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZSetPipeline, ZTemplatePipelineParams, ZTemplatePipelineSet } from "@/lib/schemas/template-edit";
import { setPipeline } from "@/lib/templates/edit/template-pipelines";

export const PUT = route({ roles: MANAGERS, params: ZTemplatePipelineParams, body: ZSetPipeline, response: ZTemplatePipelineSet }, ({ params, body }) =>
  setPipeline(params.id, params.environment, body),
);
