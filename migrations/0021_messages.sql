CREATE TABLE "funding_message_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"file_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_message_reads" (
	"thread_kind" text NOT NULL,
	"thread_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"thread_kind" text NOT NULL,
	"thread_id" uuid NOT NULL,
	"author_id" uuid,
	"side" text NOT NULL,
	"body" text NOT NULL,
	"language" text DEFAULT 'de' NOT NULL,
	"written_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_message_attachments" ADD CONSTRAINT "funding_message_attachments_message_id_funding_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."funding_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_message_attachments" ADD CONSTRAINT "funding_message_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_message_attachments_message_idx" ON "funding_message_attachments" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_message_reads_unique" ON "funding_message_reads" USING btree ("thread_kind","thread_id","user_id");--> statement-breakpoint
CREATE INDEX "funding_messages_thread_idx" ON "funding_messages" USING btree ("thread_kind","thread_id","seq");