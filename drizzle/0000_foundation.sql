CREATE TABLE "fetch_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"job_id" text,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"http_status" integer,
	"items_seen" integer DEFAULT 0 NOT NULL,
	"items_new" integer DEFAULT 0 NOT NULL,
	"items_updated" integer DEFAULT 0 NOT NULL,
	"items_quarantined" integer DEFAULT 0 NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"duration_ms" integer,
	"error_code" text,
	"error" text,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exchanges" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"url" text,
	"author_handle" text,
	"title" text,
	"text" text NOT NULL,
	"language" text,
	"published_at" timestamp with time zone,
	"fetched_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"fetch_run_id" bigint,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"classified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "quarantine" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"fetch_run_id" bigint,
	"external_id" text,
	"reason" text NOT NULL,
	"raw" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"identity_key" text NOT NULL,
	"every_minutes" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"cursor" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"health" text DEFAULT 'new' NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"backoff_until" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_items_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error_code" text,
	"last_error" text,
	"items_total" bigint DEFAULT 0 NOT NULL,
	"quarantined_total" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fetch_runs" ADD CONSTRAINT "fetch_runs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantine" ADD CONSTRAINT "quarantine_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fetch_runs_source_started_idx" ON "fetch_runs" USING btree ("source_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_source_external_uq" ON "posts" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "posts_published_idx" ON "posts" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "posts_unclassified_idx" ON "posts" USING btree ("fetched_at") WHERE "posts"."classified_at" is null;--> statement-breakpoint
CREATE INDEX "quarantine_source_idx" ON "quarantine" USING btree ("source_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sources_identity_key_uq" ON "sources" USING btree ("identity_key");--> statement-breakpoint
CREATE UNIQUE INDEX "sources_name_uq" ON "sources" USING btree ("name");