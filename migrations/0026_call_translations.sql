CREATE TABLE "funding_call_translations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_call_translations" ADD CONSTRAINT "funding_call_translations_call_id_funding_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."funding_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_call_translations_unique" ON "funding_call_translations" USING btree ("call_id","locale");--> statement-breakpoint
-- the translations are read with the calls (public call pages, eligibility check): the same subject
CREATE TRIGGER "funding_call_translations_generation" AFTER INSERT OR UPDATE OR DELETE ON "funding_call_translations"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_subject_generation"('funding.calls');
