CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner" text NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"decision_note" text DEFAULT '' NOT NULL,
	"plan_version" integer,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "funding_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"officer_note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"plan" jsonb NOT NULL,
	"end_date" date NOT NULL,
	"partners" jsonb,
	"basis" text DEFAULT 'decision' NOT NULL,
	"change_request_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_reviewer_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_application_documents" ADD COLUMN "file_id" uuid;--> statement-breakpoint
ALTER TABLE "funding_grants" ADD COLUMN "partners" jsonb;--> statement-breakpoint
ALTER TABLE "funding_payment_requests" ADD COLUMN "unspent_notified_on" date;--> statement-breakpoint
ALTER TABLE "funding_change_requests" ADD CONSTRAINT "funding_change_requests_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_notifications" ADD CONSTRAINT "funding_notifications_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_plan_versions" ADD CONSTRAINT "funding_plan_versions_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner","created_at");--> statement-breakpoint
CREATE INDEX "funding_change_requests_grant_idx" ON "funding_change_requests" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "funding_change_requests_open_idx" ON "funding_change_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "funding_notifications_grant_idx" ON "funding_notifications" USING btree ("grant_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_plan_versions_unique" ON "funding_plan_versions" USING btree ("grant_id","version");--> statement-breakpoint
ALTER TABLE "funding_application_documents" ADD CONSTRAINT "funding_application_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_grants_programme_idx" ON "funding_grants" USING btree ("programme_id");--> statement-breakpoint
-- Existing grants get their first plan version: the plan as decided.
INSERT INTO "funding_plan_versions" ("grant_id", "version", "plan", "end_date", "basis", "created_at")
  SELECT "id", "plan_version", "plan", "end_date", 'decision', "created_at" FROM "funding_grants";
