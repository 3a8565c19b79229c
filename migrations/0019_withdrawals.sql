CREATE TABLE "funding_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"extent" text NOT NULL,
	"effective_on" date NOT NULL,
	"reason" text NOT NULL,
	"reason_text" text NOT NULL,
	"grant_before" jsonb NOT NULL,
	"grant_after" jsonb NOT NULL,
	"reclaim_per_year" jsonb NOT NULL,
	"reclaim_cents" bigint NOT NULL,
	"file_id" uuid NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_grants" ADD COLUMN "withdrawn_on" date;--> statement-breakpoint
ALTER TABLE "funding_reclaims" ADD COLUMN "withdrawal_id" uuid;--> statement-breakpoint
ALTER TABLE "funding_withdrawals" ADD CONSTRAINT "funding_withdrawals_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_withdrawals" ADD CONSTRAINT "funding_withdrawals_decision_id_funding_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."funding_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_withdrawals" ADD CONSTRAINT "funding_withdrawals_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_withdrawals_grant_idx" ON "funding_withdrawals" USING btree ("grant_id");--> statement-breakpoint
ALTER TABLE "funding_reclaims" ADD CONSTRAINT "funding_reclaims_withdrawal_id_funding_withdrawals_id_fk" FOREIGN KEY ("withdrawal_id") REFERENCES "public"."funding_withdrawals"("id") ON DELETE no action ON UPDATE no action;