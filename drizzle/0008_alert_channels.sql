CREATE TABLE "alert_cases" (
	"alert_id" bigint NOT NULL,
	"case_id" bigint NOT NULL,
	"post_count" integer NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "alert_cases_alert_id_case_id_pk" PRIMARY KEY("alert_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "channel_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"recipient_id" integer,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"claim_token" text,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"response_status" integer,
	"last_error_code" text,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "audience" jsonb;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "content" jsonb;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "thread_key" text;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "channels" jsonb DEFAULT '["email"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "threat_cases" ADD COLUMN "last_post_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_cases" ADD CONSTRAINT "alert_cases_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_cases" ADD CONSTRAINT "alert_cases_case_id_threat_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."threat_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_outbox" ADD CONSTRAINT "channel_outbox_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_outbox" ADD CONSTRAINT "channel_outbox_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_cases_case_idx" ON "alert_cases" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_outbox_target_uq" ON "channel_outbox" USING btree ("alert_id","channel","target");--> statement-breakpoint
CREATE INDEX "channel_outbox_due_idx" ON "channel_outbox" USING btree ("not_before") WHERE "channel_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "channel_outbox_sent_idx" ON "channel_outbox" USING btree ("channel","sent_at");--> statement-breakpoint
CREATE INDEX "posts_fetched_idx" ON "posts" USING btree ("fetched_at");