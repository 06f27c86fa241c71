CREATE TABLE "tipline_captures" (
	"report_id" bigint PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"final_url" text,
	"http_status" integer,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_type" text,
	"body_sha256" text,
	"bytes" integer DEFAULT 0 NOT NULL,
	"html" text,
	"text" text,
	"fetched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tipline_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"link_id" integer NOT NULL,
	"email" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tipline_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"allowed_domains" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tipline_rate_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tipline_reporter_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"link_id" integer NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tipline_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"intake_key" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"concerns" text NOT NULL,
	"reported_url" text,
	"reported_text" text DEFAULT '' NOT NULL,
	"subject" text,
	"reporter_user_id" integer,
	"reporter_name" text,
	"reporter_email" text,
	"link_id" integer,
	"post_id" bigint,
	"capture" jsonb,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error" text,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tipline_screenshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"received_sha256" text NOT NULL,
	"removed_metadata" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data" "bytea",
	"ocr_status" text DEFAULT 'pending' NOT NULL,
	"ocr_text" text,
	"ocr_error" text,
	"ocr_ms" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tipline_captures" ADD CONSTRAINT "tipline_captures_report_id_tipline_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."tipline_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tipline_codes" ADD CONSTRAINT "tipline_codes_link_id_tipline_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."tipline_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tipline_reporter_sessions" ADD CONSTRAINT "tipline_reporter_sessions_link_id_tipline_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."tipline_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tipline_reports" ADD CONSTRAINT "tipline_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tipline_reports" ADD CONSTRAINT "tipline_reports_link_id_tipline_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."tipline_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tipline_reports" ADD CONSTRAINT "tipline_reports_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tipline_screenshots" ADD CONSTRAINT "tipline_screenshots_report_id_tipline_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."tipline_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tipline_codes_email_idx" ON "tipline_codes" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "tipline_codes_expires_idx" ON "tipline_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tipline_links_token_hash_uq" ON "tipline_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "tipline_rate_events_key_idx" ON "tipline_rate_events" USING btree ("scope","key","at");--> statement-breakpoint
CREATE INDEX "tipline_rate_events_at_idx" ON "tipline_rate_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "tipline_reporter_sessions_expires_idx" ON "tipline_reporter_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tipline_reports_reference_uq" ON "tipline_reports" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "tipline_reports_intake_key_uq" ON "tipline_reports" USING btree ("intake_key");--> statement-breakpoint
CREATE INDEX "tipline_reports_status_idx" ON "tipline_reports" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "tipline_reports_post_idx" ON "tipline_reports" USING btree ("post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tipline_screenshots_position_uq" ON "tipline_screenshots" USING btree ("report_id","position");