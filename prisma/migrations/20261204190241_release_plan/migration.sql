-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "planDigest" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "planDigest" TEXT;

-- CreateTable
CREATE TABLE "ReleaseProcedure" (
    "id" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProcedureKind" NOT NULL,

    CONSTRAINT "ReleaseProcedure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseStep" (
    "id" UUID NOT NULL,
    "procedureId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "StepKind" NOT NULL,
    "text" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ReleaseStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleasePlanVersion" (
    "releaseId" UUID NOT NULL,
    "digest" TEXT NOT NULL,
    "plan" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleasePlanVersion_pkey" PRIMARY KEY ("releaseId","digest")
);

-- CreateIndex
CREATE INDEX "ReleaseProcedure_releaseId_position_idx" ON "ReleaseProcedure"("releaseId", "position");

-- CreateIndex
CREATE INDEX "ReleaseStep_procedureId_position_idx" ON "ReleaseStep"("procedureId", "position");

-- AddForeignKey
ALTER TABLE "ReleaseProcedure" ADD CONSTRAINT "ReleaseProcedure_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseStep" ADD CONSTRAINT "ReleaseStep_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "ReleaseProcedure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleasePlanVersion" ADD CONSTRAINT "ReleasePlanVersion_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing releases get a copy of their template's current plan: from now on editing the template no longer
-- changes what they run. The copy's ids are derived from (release, template procedure) so the steps find theirs.
-- Their digest is computed by the app when first needed (lib/server/plan/release-plan.ts): SQL has no canonical JSON.
INSERT INTO "ReleaseProcedure" ("id", "releaseId", "position", "name", "kind")
SELECT md5(r."id"::text || tp."id"::text)::uuid, r."id", tp."position", tp."name", tp."kind"
FROM "Release" r JOIN "TemplateProcedure" tp ON tp."templateId" = r."templateId";

INSERT INTO "ReleaseStep" ("id", "procedureId", "position", "kind", "text", "config")
SELECT gen_random_uuid(), md5(r."id"::text || tp."id"::text)::uuid, ts."position", ts."kind", ts."text", ts."config"
FROM "Release" r JOIN "TemplateProcedure" tp ON tp."templateId" = r."templateId" JOIN "TemplateStep" ts ON ts."procedureId" = tp."id";
