-- What the app's runtime role (web and worker) may do: run as the owner role (the one migrations run as) after
-- every migration, so tables a migration added get their grants too. Idempotent. The role name `countdown_app` is
-- replaced by the runtime role's name (the user of DATABASE_URL). docs/database-roles.md explains each line.
DO $$ BEGIN
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO countdown_app', current_database());
END $$;

-- The app's tables: read and write, never own (no ALTER, no DROP, no trigger changes).
GRANT USAGE ON SCHEMA public TO countdown_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO countdown_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO countdown_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO countdown_app;

-- The audit trail: append and read only. The append-only trigger stays in force, and only the owner could
-- switch it off (ALTER TABLE ... DISABLE TRIGGER, or SET session_replication_role as a superuser).
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "Event" FROM countdown_app;
GRANT SELECT, INSERT ON "Event" TO countdown_app;

-- Migration history is the owner's business.
REVOKE ALL ON "_prisma_migrations" FROM countdown_app;

-- BullMQ's PostgreSQL backend (schema bullmq, made by its runMigrations as the owner). At run time it creates
-- a sequence per queue on first use (next_job_id), drops it on obliterate, and fills temporary tables
-- (add_jobs_bulk): hence CREATE on its own schema, and TEMPORARY above. Nothing of it touches the public schema.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'bullmq') THEN
    GRANT USAGE, CREATE ON SCHEMA bullmq TO countdown_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA bullmq TO countdown_app;
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA bullmq TO countdown_app;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bullmq TO countdown_app;
  END IF;
END $$;
