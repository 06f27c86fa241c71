CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "narrative_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"narrative_id" integer NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"created_by" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "narratives" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"current_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_narratives" (
	"post_id" bigint NOT NULL,
	"slug" text NOT NULL,
	"score" real NOT NULL,
	"stance" text NOT NULL,
	"explanation" jsonb NOT NULL,
	"catalogue_version" text NOT NULL,
	"content_hash" text NOT NULL,
	"classified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "post_narratives_post_id_slug_pk" PRIMARY KEY("post_id","slug")
);
--> statement-breakpoint
CREATE TABLE "post_threats" (
	"post_id" bigint PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rules_version" text NOT NULL,
	"content_hash" text NOT NULL,
	"classified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "narrative_versions" ADD CONSTRAINT "narrative_versions_narrative_id_narratives_id_fk" FOREIGN KEY ("narrative_id") REFERENCES "public"."narratives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_narratives" ADD CONSTRAINT "post_narratives_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_threats" ADD CONSTRAINT "post_threats_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject","at");--> statement-breakpoint
CREATE UNIQUE INDEX "narrative_versions_uq" ON "narrative_versions" USING btree ("narrative_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "narratives_slug_uq" ON "narratives" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "post_narratives_slug_time_idx" ON "post_narratives" USING btree ("slug","classified_at");--> statement-breakpoint
CREATE INDEX "post_threats_level_idx" ON "post_threats" USING btree ("level","classified_at") WHERE "post_threats"."level" <> 'none';