CREATE TABLE "activities_attendance" (
	"registration_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activities_attendance_registration_id_session_id_pk" PRIMARY KEY("registration_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "activities_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seminar_id" uuid NOT NULL,
	"queue_no" integer NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"participant_code" text NOT NULL,
	"token_hash" text NOT NULL,
	"consent_purpose" text NOT NULL,
	"consent_version" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_withdrawn_at" timestamp with time zone,
	"registered_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"source" text DEFAULT 'online' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities_seminar_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seminar_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities_seminars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"curriculum" text DEFAULT '' NOT NULL,
	"learning_goals" text DEFAULT '' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online_link" text DEFAULT '' NOT NULL,
	"capacity" integer NOT NULL,
	"registration_closes_on" date NOT NULL,
	"required_attendance_bp" integer DEFAULT 7500 NOT NULL,
	"asks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_form" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "fields_of_work" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "languages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "communities" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "staff_count" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "volunteer_count" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "partner_capacity" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "public_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities_attendance" ADD CONSTRAINT "activities_attendance_registration_id_activities_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."activities_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities_attendance" ADD CONSTRAINT "activities_attendance_session_id_activities_seminar_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."activities_seminar_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities_registrations" ADD CONSTRAINT "activities_registrations_seminar_id_activities_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."activities_seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities_seminar_sessions" ADD CONSTRAINT "activities_seminar_sessions_seminar_id_activities_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."activities_seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities_seminars" ADD CONSTRAINT "activities_seminars_project_id_activities_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."activities_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_registrations_queue" ON "activities_registrations" USING btree ("seminar_id","queue_no");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_registrations_token" ON "activities_registrations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_registrations_code" ON "activities_registrations" USING btree ("participant_code");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_registrations_live_email" ON "activities_registrations" USING btree ("seminar_id",lower("email")) WHERE "activities_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "activities_registrations_status_idx" ON "activities_registrations" USING btree ("seminar_id","status","queue_no");--> statement-breakpoint
CREATE INDEX "activities_seminar_sessions_seminar_idx" ON "activities_seminar_sessions" USING btree ("seminar_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_seminars_project_idx" ON "activities_seminars" USING btree ("project_id");