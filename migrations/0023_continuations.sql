CREATE TABLE "funding_continuations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"budget_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"submitted" jsonb,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"approved_cents" bigint,
	"plan" jsonb,
	"reasons" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"document_file_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_grants" ADD COLUMN "decided_years" jsonb;--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD COLUMN "decision_period" text DEFAULT 'whole' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_continuations" ADD CONSTRAINT "funding_continuations_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_continuations" ADD CONSTRAINT "funding_continuations_document_file_id_files_id_fk" FOREIGN KEY ("document_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_continuations_year_unique" ON "funding_continuations" USING btree ("grant_id","budget_year");--> statement-breakpoint
CREATE INDEX "funding_continuations_open_idx" ON "funding_continuations" USING btree ("status");