-- AlterTable
ALTER TABLE "ReleaseItem" ADD COLUMN     "details" TEXT;

-- AlterTable
ALTER TABLE "TemplateItem" ADD COLUMN     "details" TEXT;
