-- AlterTable
ALTER TABLE "NotificationChannel" ADD COLUMN     "previousSecretExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "previousSecretSealed" TEXT;
