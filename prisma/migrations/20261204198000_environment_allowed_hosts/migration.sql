-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "allowedHosts" TEXT[] DEFAULT ARRAY[]::TEXT[];
