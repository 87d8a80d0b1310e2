CREATE TABLE "monthly_figures" (
	"month" text PRIMARY KEY NOT NULL,
	"ips_internal" bigint NOT NULL,
	"ips_external" bigint NOT NULL,
	"ips_credit_card" bigint NOT NULL,
	"ips_invoice" bigint NOT NULL,
	"ips_project_key" bigint NOT NULL,
	"revenue_minor" bigint NOT NULL,
	"revenue_self_service_minor" bigint NOT NULL,
	"revenue_managed_minor" bigint NOT NULL,
	"purchase_version" integer,
	"purchase_minor" bigint,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");