CREATE TABLE "funding_partner_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"partner_index" integer NOT NULL,
	"partner_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"token_hash" text,
	"language" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_name" text,
	"remark" text,
	"part" jsonb,
	"part_sha256" text,
	CONSTRAINT "funding_partner_confirmations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "funding_partner_confirmations" ADD CONSTRAINT "funding_partner_confirmations_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_partner_confirmations_application_idx" ON "funding_partner_confirmations" USING btree ("application_id","partner_index");