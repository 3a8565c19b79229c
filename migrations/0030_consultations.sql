CREATE TABLE "activities_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"audience" text NOT NULL,
	"audience_name" text NOT NULL,
	"topic" text NOT NULL,
	"format" text NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"follow_up_due_on" date,
	"follow_up_done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities_consultations" ADD CONSTRAINT "activities_consultations_project_id_activities_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."activities_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_consultations_project_idx" ON "activities_consultations" USING btree ("project_id","held_on");