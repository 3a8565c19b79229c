CREATE TABLE "funding_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"date" date NOT NULL,
	"payee" text NOT NULL,
	"reason" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"line" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"budget_year" integer,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"narrative" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"officer_note" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "funding_receipts" ADD CONSTRAINT "funding_receipts_report_id_funding_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."funding_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reports" ADD CONSTRAINT "funding_reports_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_receipts_report_idx" ON "funding_receipts" USING btree ("report_id","date");--> statement-breakpoint
CREATE INDEX "funding_reports_grant_idx" ON "funding_reports" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "funding_reports_due_idx" ON "funding_reports" USING btree ("status","due_on");