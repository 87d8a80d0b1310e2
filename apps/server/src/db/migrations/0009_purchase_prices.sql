CREATE TABLE "purchase_price_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"ranges" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"running_from" timestamp with time zone NOT NULL
);
