-- AlterEnum
ALTER TYPE "StepKind" ADD VALUE 'watch';
