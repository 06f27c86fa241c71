CREATE TABLE "threat_case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threat_case_posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"post_id" bigint,
	"level" text NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rules_version" text NOT NULL,
	"text" text NOT NULL,
	"text_sha256" text NOT NULL,
	"platform" text NOT NULL,
	"url" text,
	"author_handle" text,
	"published_at" timestamp with time zone,
	"fetched_at" timestamp with time zone NOT NULL,
	"fetch_run_id" bigint,
	"exchanges" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threat_cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_key" text NOT NULL,
	"level" text NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"assignee" text,
	"police_ref" text,
	"post_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"text_purged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "threat_rule_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"created_by" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watchlist_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"sealed" text NOT NULL,
	"match_keys" jsonb NOT NULL,
	"key_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "threat_case_events" ADD CONSTRAINT "threat_case_events_case_id_threat_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."threat_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_case_posts" ADD CONSTRAINT "threat_case_posts_case_id_threat_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."threat_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_case_posts" ADD CONSTRAINT "threat_case_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "threat_case_events_case_idx" ON "threat_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "threat_case_posts_post_uq" ON "threat_case_posts" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "threat_case_posts_case_idx" ON "threat_case_posts" USING btree ("case_id","added_at");--> statement-breakpoint
CREATE UNIQUE INDEX "threat_cases_group_key_uq" ON "threat_cases" USING btree ("group_key");--> statement-breakpoint
CREATE INDEX "threat_cases_status_level_idx" ON "threat_cases" USING btree ("status","level","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "threat_rule_versions_version_uq" ON "threat_rule_versions" USING btree ("version");