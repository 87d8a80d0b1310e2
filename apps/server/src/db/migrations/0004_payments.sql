CREATE TABLE "card_billing" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"stripe_subscription_id" text,
	"checkout_session_id" text,
	"requested_internal" integer,
	"requested_external" integer,
	"status" text NOT NULL,
	"last_payment_error" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "card_billing_stripe_customer_id_unique" UNIQUE("stripe_customer_id"),
	CONSTRAINT "card_billing_stripe_subscription_id_unique" UNIQUE("stripe_subscription_id")
);
--> statement-breakpoint
CREATE TABLE "project_key_redemptions" (
	"key_id" text PRIMARY KEY NOT NULL,
	"customer_id" uuid,
	"signer_kid" text NOT NULL,
	"ips" integer NOT NULL,
	"months" integer NOT NULL,
	"purchase_price_minor" bigint NOT NULL,
	"sales_price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"term_starts_at" timestamp with time zone NOT NULL,
	"term_ends_at" timestamp with time zone NOT NULL,
	"redeemed_at" timestamp with time zone NOT NULL,
	"redeemed_by" text,
	"reminder_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_key_signers" (
	"kid" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stripe_prices" (
	"price_version" integer PRIMARY KEY NOT NULL,
	"stripe_product_id" text NOT NULL,
	"stripe_price_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pending_subscription_changes" ALTER COLUMN "price_version" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "price_version" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "payment_failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pending_subscription_changes" ADD COLUMN "payment_method" text;--> statement-breakpoint
ALTER TABLE "pending_subscription_changes" ADD COLUMN "project_key_id" text;--> statement-breakpoint
ALTER TABLE "pending_subscription_changes" ADD COLUMN "term_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "term_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "project_key_id" text;--> statement-breakpoint
ALTER TABLE "card_billing" ADD CONSTRAINT "card_billing_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_key_redemptions" ADD CONSTRAINT "project_key_redemptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_prices" ADD CONSTRAINT "stripe_prices_price_version_price_versions_version_fk" FOREIGN KEY ("price_version") REFERENCES "public"."price_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_key_redemptions_customer_idx" ON "project_key_redemptions" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "subscriptions_term_end_idx" ON "subscriptions" USING btree ("term_ends_at") WHERE "subscriptions"."ended_at" is null and "subscriptions"."term_ends_at" is not null;