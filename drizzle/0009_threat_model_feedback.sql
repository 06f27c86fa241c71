CREATE TABLE "threat_missed_posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"post_id" bigint,
	"level" text NOT NULL,
	"rule_level" text NOT NULL,
	"model_score" real,
	"text" text NOT NULL,
	"language" text,
	"platform" text NOT NULL,
	"url" text,
	"note" text,
	"marked_by" text NOT NULL,
	"marked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "threat_case_posts" ADD COLUMN "model_score" real;--> statement-breakpoint
ALTER TABLE "threat_case_posts" ADD COLUMN "model_version" text;--> statement-breakpoint
ALTER TABLE "threat_case_posts" ADD COLUMN "suggested" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "threat_cases" ADD COLUMN "origin" text DEFAULT 'rules' NOT NULL;--> statement-breakpoint
ALTER TABLE "threat_cases" ADD COLUMN "model_score" real;--> statement-breakpoint
ALTER TABLE "threat_cases" ADD COLUMN "verdict" text;--> statement-breakpoint
ALTER TABLE "threat_cases" ADD COLUMN "verdict_level" text;--> statement-breakpoint
ALTER TABLE "threat_missed_posts" ADD CONSTRAINT "threat_missed_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "threat_missed_posts_post_uq" ON "threat_missed_posts" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "threat_missed_posts_marked_idx" ON "threat_missed_posts" USING btree ("marked_at");