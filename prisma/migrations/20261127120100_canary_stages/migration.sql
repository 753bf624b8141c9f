-- AlterEnum
ALTER TYPE "StepKind" ADD VALUE 'canary';

-- AlterTable
ALTER TABLE "RunStep" ADD COLUMN     "stage" INTEGER,
ADD COLUMN     "weight" INTEGER;

-- AlterTable
ALTER TABLE "Template" ADD COLUMN     "canaries" JSONB NOT NULL DEFAULT '[]';
