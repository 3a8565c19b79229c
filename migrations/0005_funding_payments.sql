CREATE TABLE "funding_payment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"line" text NOT NULL,
	"requested_cents" bigint NOT NULL,
	"due_on" date NOT NULL,
	"purpose" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"approved_cents" bigint DEFAULT 0 NOT NULL,
	"paid_on" date,
	"spent_cents" bigint DEFAULT 0 NOT NULL,
	"spent_on" date,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "funding_payment_requests" ADD CONSTRAINT "funding_payment_requests_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_payment_requests_grant_idx" ON "funding_payment_requests" USING btree ("grant_id");