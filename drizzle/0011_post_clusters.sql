CREATE TABLE "cluster_bands" (
	"band_key" bigint NOT NULL,
	"cluster_id" bigint NOT NULL,
	CONSTRAINT "cluster_bands_band_key_cluster_id_pk" PRIMARY KEY("band_key","cluster_id")
);
--> statement-breakpoint
CREATE TABLE "cluster_posts" (
	"post_id" bigint PRIMARY KEY NOT NULL,
	"cluster_id" bigint NOT NULL,
	"similarity" real NOT NULL,
	"content_hash" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_clusters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"face_post_id" bigint,
	"shingles" "bytea" NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cluster_bands" ADD CONSTRAINT "cluster_bands_cluster_id_post_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."post_clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_posts" ADD CONSTRAINT "cluster_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_posts" ADD CONSTRAINT "cluster_posts_cluster_id_post_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."post_clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cluster_bands_cluster_idx" ON "cluster_bands" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "cluster_posts_cluster_idx" ON "cluster_posts" USING btree ("cluster_id","seen_at");--> statement-breakpoint
CREATE INDEX "post_clusters_face_idx" ON "post_clusters" USING btree ("face_post_id");