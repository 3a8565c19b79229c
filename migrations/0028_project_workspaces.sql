CREATE TABLE "activities_project_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"is_migrant_organisation" boolean NOT NULL,
	"role" text NOT NULL,
	"tasks" text NOT NULL,
	"budget_share_bp" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities_project_partners" ADD CONSTRAINT "activities_project_partners_project_id_activities_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."activities_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_project_partners_position" ON "activities_project_partners" USING btree ("project_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_projects_grant_unique" ON "activities_projects" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "activities_projects_organisation_idx" ON "activities_projects" USING btree ("organisation_id");--> statement-breakpoint
-- Grants approved before this migration: their grant.approved events were handed out before the
-- activities module subscribed, so each gets a delivery now and the worker opens its workspace.
INSERT INTO "event_deliveries" ("event_id", "subscriber") SELECT "id", 'activities.open-workspace' FROM "events" WHERE "name" = 'grant.approved' AND "fanned_out_at" IS NOT NULL ON CONFLICT DO NOTHING;
