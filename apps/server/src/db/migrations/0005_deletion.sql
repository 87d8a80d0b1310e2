CREATE TABLE "billing_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"company_name" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"ips_internal" integer NOT NULL,
	"ips_external" integer NOT NULL,
	"payment_method" text NOT NULL,
	"monthly_price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "deletion_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "purge_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "billing_records_customer_idx" ON "billing_records" USING btree ("customer_id");