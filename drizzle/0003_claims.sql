CREATE TABLE "claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"narrative_slug" text,
	"text" text NOT NULL,
	"url" text,
	"verdict" text,
	"reviewer" text,
	"language" text,
	"date_published" text,
	"raw" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "claims_external_id_uq" ON "claims" USING btree ("external_id");