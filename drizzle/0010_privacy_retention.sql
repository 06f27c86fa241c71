CREATE TABLE "post_day_counts" (
	"source_id" integer NOT NULL,
	"day" date NOT NULL,
	"posts" integer NOT NULL,
	CONSTRAINT "post_day_counts_source_id_day_pk" PRIMARY KEY("source_id","day")
);
--> statement-breakpoint
CREATE TABLE "retention_totals" (
	"rule" text PRIMARY KEY NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"last_run_at" timestamp with time zone NOT NULL,
	"last_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "pseudonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threat_cases" ADD COLUMN "police_released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threat_cases" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threat_cases" ADD COLUMN "secrecy_marking" text;--> statement-breakpoint
ALTER TABLE "post_day_counts" ADD CONSTRAINT "post_day_counts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;