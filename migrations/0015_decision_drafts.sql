ALTER TABLE "funding_decisions" ADD COLUMN "status" text DEFAULT 'issued' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_decisions" ADD COLUMN "plan" jsonb;--> statement-breakpoint
ALTER TABLE "funding_decisions" ADD COLUMN "balance" text;--> statement-breakpoint
ALTER TABLE "funding_decisions" ADD COLUMN "drafted_by" uuid;--> statement-breakpoint
ALTER TABLE "funding_decisions" ADD COLUMN "cosigned_by" uuid;--> statement-breakpoint
ALTER TABLE "funding_decisions" ADD COLUMN "cosigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD COLUMN "cosign_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_decisions_one_draft" ON "funding_decisions" USING btree ("application_id") WHERE "funding_decisions"."status" = 'draft';