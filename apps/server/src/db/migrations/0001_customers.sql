CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_name" text NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"vat_id" text,
	"billing_address" jsonb,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"main_user_id" uuid,
	"service_mode" text NOT NULL,
	"status" text NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"ips_internal" integer DEFAULT 0 NOT NULL,
	"ips_external" integer DEFAULT 0 NOT NULL,
	"payment_method" text DEFAULT 'free' NOT NULL,
	"monthly_price_minor" bigint,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"registered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
CREATE INDEX "customers_company_name_idx" ON "customers" USING btree (lower("company_name"),"id");--> statement-breakpoint
CREATE INDEX "customers_contact_email_idx" ON "customers" USING btree (lower("contact_email"),"id");--> statement-breakpoint
CREATE INDEX "customers_status_idx" ON "customers" USING btree ("status",lower("company_name"),"id");--> statement-breakpoint
CREATE INDEX "customers_service_mode_idx" ON "customers" USING btree ("service_mode",lower("company_name"),"id");--> statement-breakpoint
CREATE INDEX "customers_payment_method_idx" ON "customers" USING btree ("payment_method",lower("company_name"),"id");--> statement-breakpoint
CREATE INDEX "customers_ips_internal_idx" ON "customers" USING btree ("ips_internal","id");--> statement-breakpoint
CREATE INDEX "customers_ips_external_idx" ON "customers" USING btree ("ips_external","id");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_customer_idx" ON "users" USING btree ("customer_id");--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- The Billing page's free-text search matches a substring of company name or contact e-mail.
CREATE INDEX "customers_search_trgm_idx" ON "customers" USING gin ((lower("company_name") || ' ' || lower("contact_email")) gin_trgm_ops);
