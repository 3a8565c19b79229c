CREATE TABLE "funding_application_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"required_document_id" text NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content_base64" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_application_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"documents" jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "funding_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"eligibility_answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"grant_total_cents" bigint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_application_documents" ADD CONSTRAINT "funding_application_documents_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_application_versions" ADD CONSTRAINT "funding_application_versions_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_call_id_funding_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."funding_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_application_documents_app_idx" ON "funding_application_documents" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "funding_application_versions_app_idx" ON "funding_application_versions" USING btree ("application_id","version");--> statement-breakpoint
CREATE INDEX "funding_applications_call_idx" ON "funding_applications" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "funding_applications_org_idx" ON "funding_applications" USING btree ("organisation_id");