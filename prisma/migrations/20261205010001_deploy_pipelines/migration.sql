-- Deploy pipelines (docs/environments.md#pipelines): procedures bound to an environment in order, copied into each
-- release's plan; a pipeline run's steps remember the procedure they come from; a template's default path.
ALTER TABLE "Template" ADD COLUMN "environments" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

ALTER TABLE "TemplateProcedure" ADD COLUMN "environment" TEXT, ADD COLUMN "pipelinePosition" INTEGER;
ALTER TABLE "ReleaseProcedure" ADD COLUMN "environment" TEXT, ADD COLUMN "pipelinePosition" INTEGER;

ALTER TABLE "RunStep" ADD COLUMN "procedureName" TEXT, ADD COLUMN "procedureKind" "ProcedureKind";
