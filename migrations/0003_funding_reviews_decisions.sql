CREATE TABLE "funding_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"amounts_per_year" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"reasons" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"plan" jsonb NOT NULL,
	"plan_version" integer DEFAULT 1 NOT NULL,
	"approved_total_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"declaration" text DEFAULT 'pending' NOT NULL,
	"conflict_reason" text DEFAULT '' NOT NULL,
	"declared_at" timestamp with time zone,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "funding_decisions" ADD CONSTRAINT "funding_decisions_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grants" ADD CONSTRAINT "funding_grants_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grants" ADD CONSTRAINT "funding_grants_decision_id_funding_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."funding_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_review_assignments" ADD CONSTRAINT "funding_review_assignments_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_decisions_application_idx" ON "funding_decisions" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_grants_application_unique" ON "funding_grants" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "funding_grants_org_idx" ON "funding_grants" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_review_assignments_unique" ON "funding_review_assignments" USING btree ("application_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "funding_review_assignments_reviewer_idx" ON "funding_review_assignments" USING btree ("reviewer_id");