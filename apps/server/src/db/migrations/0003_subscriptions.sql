CREATE TABLE "pending_subscription_changes" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ips_internal" integer NOT NULL,
	"ips_external" integer NOT NULL,
	"price_version" integer NOT NULL,
	"monthly_price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"ranges" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"running_from" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"ips_internal" integer NOT NULL,
	"ips_external" integer NOT NULL,
	"payment_method" text NOT NULL,
	"price_version" integer NOT NULL,
	"monthly_price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "pending_subscription_changes" ADD CONSTRAINT "pending_subscription_changes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_subscription_changes" ADD CONSTRAINT "pending_subscription_changes_price_version_price_versions_version_fk" FOREIGN KEY ("price_version") REFERENCES "public"."price_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_price_version_price_versions_version_fk" FOREIGN KEY ("price_version") REFERENCES "public"."price_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_subscription_changes_due_idx" ON "pending_subscription_changes" USING btree ("effective_at");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_one_running_key" ON "subscriptions" USING btree ("customer_id") WHERE "subscriptions"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "subscriptions_customer_idx" ON "subscriptions" USING btree ("customer_id","started_at");--> statement-breakpoint
CREATE INDEX "subscriptions_running_version_idx" ON "subscriptions" USING btree ("price_version") WHERE "subscriptions"."ended_at" is null;