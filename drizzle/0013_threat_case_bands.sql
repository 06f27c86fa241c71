CREATE TABLE "threat_case_bands" (
	"band_key" bigint NOT NULL,
	"case_id" bigint NOT NULL,
	"shingles" "bytea" NOT NULL,
	CONSTRAINT "threat_case_bands_band_key_case_id_pk" PRIMARY KEY("band_key","case_id")
);
--> statement-breakpoint
ALTER TABLE "threat_case_bands" ADD CONSTRAINT "threat_case_bands_case_id_threat_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."threat_cases"("id") ON DELETE cascade ON UPDATE no action;