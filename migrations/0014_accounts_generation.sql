-- The subject 'core.accounts' (core/db/subjects.ts): sessions, users and their roles, which the
-- session cache keeps per process until one of them changes (a session's idle touch, at most once
-- a minute per session, included).
CREATE TRIGGER "sessions_generation" AFTER INSERT OR UPDATE OR DELETE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_subject_generation"('core.accounts');--> statement-breakpoint
CREATE TRIGGER "users_generation" AFTER INSERT OR UPDATE OR DELETE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_subject_generation"('core.accounts');--> statement-breakpoint
CREATE TRIGGER "role_assignments_generation" AFTER INSERT OR UPDATE OR DELETE ON "role_assignments"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_subject_generation"('core.accounts');
