-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('go', 'no_go');

-- CreateEnum
CREATE TYPE "FreezeKind" AS ENUM ('one_off', 'recurring');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'needs_attention');

-- CreateEnum
CREATE TYPE "RunStepStatus" AS ENUM ('pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'interrupted', 'cancelled');

-- CreateEnum
CREATE TYPE "OutputStream" AS ENUM ('stdout', 'stderr', 'system');

-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "managerId" UUID;

-- CreateTable
CREATE TABLE "ApprovalPolicy" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "releaseType" "ReleaseType" NOT NULL,
    "minGoes" INTEGER NOT NULL,
    "groupRules" JSONB NOT NULL DEFAULT '[]',
    "requiredItem" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ApprovalPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "decision" "DecisionKind" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMPTZ(3),
    "overriddenById" UUID,
    "overrideReason" TEXT,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeWindow" (
    "id" UUID NOT NULL,
    "environment" TEXT NOT NULL,
    "kind" "FreezeKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3),
    "endsAt" TIMESTAMPTZ(3),
    "recurrence" JSONB,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FreezeWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "variables" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvironmentSecret" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "valueEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvironmentSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "procedureName" TEXT NOT NULL,
    "procedureKind" "ProcedureKind" NOT NULL,
    "environment" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "requestedById" UUID,
    "triggeredByRunId" UUID,
    "overrideReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "heartbeatAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvironmentLock" (
    "environment" TEXT NOT NULL,
    "runId" UUID NOT NULL,
    "acquiredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvironmentLock_pkey" PRIMARY KEY ("environment")
);

-- CreateTable
CREATE TABLE "RunStep" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "StepKind" NOT NULL,
    "text" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "status" "RunStepStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "exitCode" INTEGER,
    "result" JSONB,

    CONSTRAINT "RunStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutputLine" (
    "id" BIGSERIAL NOT NULL,
    "releaseId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "runId" UUID NOT NULL,
    "stepId" UUID NOT NULL,
    "stream" "OutputStream" NOT NULL,
    "line" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutputLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalPolicy_templateId_releaseType_key" ON "ApprovalPolicy"("templateId", "releaseType");

-- CreateIndex
CREATE INDEX "Decision_releaseId_userId_createdAt_idx" ON "Decision"("releaseId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "FreezeWindow_environment_idx" ON "FreezeWindow"("environment");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_name_key" ON "Environment"("name");

-- CreateIndex
CREATE UNIQUE INDEX "EnvironmentSecret_environmentId_name_key" ON "EnvironmentSecret"("environmentId", "name");

-- CreateIndex
CREATE INDEX "Run_releaseId_createdAt_idx" ON "Run"("releaseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EnvironmentLock_runId_key" ON "EnvironmentLock"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "RunStep_runId_position_key" ON "RunStep"("runId", "position");

-- CreateIndex
CREATE INDEX "OutputLine_stepId_seq_idx" ON "OutputLine"("stepId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "OutputLine_releaseId_seq_key" ON "OutputLine"("releaseId", "seq");

-- AddForeignKey
ALTER TABLE "ApprovalPolicy" ADD CONSTRAINT "ApprovalPolicy_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentSecret" ADD CONSTRAINT "EnvironmentSecret_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_triggeredByRunId_fkey" FOREIGN KEY ("triggeredByRunId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentLock" ADD CONSTRAINT "EnvironmentLock_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunStep" ADD CONSTRAINT "RunStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutputLine" ADD CONSTRAINT "OutputLine_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutputLine" ADD CONSTRAINT "OutputLine_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutputLine" ADD CONSTRAINT "OutputLine_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "RunStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;
