CREATE TABLE "subject_generations" (
	"subject" text PRIMARY KEY NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Bumps the generation of the subject named in the trigger's argument, in the writing transaction
-- (the row lock orders concurrent writers of one subject), and tells every listening process.
CREATE FUNCTION "bump_subject_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "subject_generations" ("subject", "generation") VALUES (TG_ARGV[0], 1)
  ON CONFLICT ("subject") DO UPDATE SET "generation" = "subject_generations"."generation" + 1;
  PERFORM pg_notify('subject_generation', TG_ARGV[0]);
  RETURN NULL;
END
$$;--> statement-breakpoint
-- funding's calls and the programmes they belong to: what the public call list and call pages show
CREATE TRIGGER "funding_calls_generation" AFTER INSERT OR UPDATE OR DELETE ON "funding_calls"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_subject_generation"('funding.calls');--> statement-breakpoint
CREATE TRIGGER "funding_programmes_generation" AFTER INSERT OR UPDATE OR DELETE ON "funding_programmes"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_subject_generation"('funding.calls');
