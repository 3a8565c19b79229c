CREATE TABLE "activities_mentoring_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities_mentoring_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"side" text NOT NULL,
	"name" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"profile" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities_mentoring_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"paired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities_mentoring_pairs" ADD CONSTRAINT "activities_mentoring_pairs_round_id_activities_mentoring_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."activities_mentoring_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities_mentoring_pairs" ADD CONSTRAINT "activities_mentoring_pairs_mentor_id_activities_mentoring_people_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."activities_mentoring_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities_mentoring_pairs" ADD CONSTRAINT "activities_mentoring_pairs_mentee_id_activities_mentoring_people_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."activities_mentoring_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities_mentoring_people" ADD CONSTRAINT "activities_mentoring_people_round_id_activities_mentoring_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."activities_mentoring_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities_mentoring_rounds" ADD CONSTRAINT "activities_mentoring_rounds_project_id_activities_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."activities_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_mentoring_pairs_mentor" ON "activities_mentoring_pairs" USING btree ("round_id","mentor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_mentoring_pairs_mentee" ON "activities_mentoring_pairs" USING btree ("round_id","mentee_id");--> statement-breakpoint
CREATE INDEX "activities_mentoring_people_round_idx" ON "activities_mentoring_people" USING btree ("round_id","side");--> statement-breakpoint
CREATE INDEX "activities_mentoring_rounds_project_idx" ON "activities_mentoring_rounds" USING btree ("project_id");