-- AlterEnum
ALTER TYPE "StepKind" ADD VALUE 'canary';

-- AlterTable
ALTER TABLE "RunStep" ADD COLUMN     "stage" INTEGER,
ADD COLUMN     "weight" INTEGER;
