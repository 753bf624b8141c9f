-- Environments become admin-managed (lib/server/environments/): order, protection rules, when each secret last
-- changed, and a global, append-only audit log of every change (never a secret value).

-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "deployers" "Role"[] DEFAULT ARRAY['admin', 'manager']::"Role"[],
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "requiredGoes" INTEGER,
ADD COLUMN     "waitMinutes" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "EnvironmentSecret" ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "EnvironmentAuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "EnvironmentAuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnvironmentAuditEvent_environment_id_idx" ON "EnvironmentAuditEvent"("environment", "id");

-- The environments' audit log is append-only in the database itself, like "Event".
CREATE FUNCTION countdown_environment_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'EnvironmentAuditEvent rows are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "EnvironmentAuditEvent_append_only" BEFORE UPDATE OR DELETE ON "EnvironmentAuditEvent" FOR EACH ROW EXECUTE FUNCTION countdown_environment_audit_append_only();
CREATE TRIGGER "EnvironmentAuditEvent_no_truncate" BEFORE TRUNCATE ON "EnvironmentAuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION countdown_environment_audit_append_only();
