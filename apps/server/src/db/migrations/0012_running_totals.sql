CREATE TABLE "running_totals" (
	"service_mode" text NOT NULL,
	"payment_method" text NOT NULL,
	"ips" integer NOT NULL,
	"n" bigint NOT NULL,
	"ips_internal" bigint NOT NULL,
	"ips_external" bigint NOT NULL,
	"monthly_minor" bigint NOT NULL,
	CONSTRAINT "running_totals_service_mode_payment_method_ips_pk" PRIMARY KEY("service_mode","payment_method","ips")
);
--> statement-breakpoint
CREATE INDEX "subscriptions_running_key_idx" ON "subscriptions" USING btree ("project_key_id") WHERE "subscriptions"."ended_at" is null and "subscriptions"."project_key_id" is not null;--> statement-breakpoint
-- Keeps running_totals exact, as migration 0002 keeps customer_counts: statement-level triggers see all changed
-- rows at once (transition tables), so a bulk change updates each total once, and rows are visited in key
-- order so that concurrent writers lock totals in the same order. A customer counts while its row mirrors a
-- running subscription (any payment method but free).
CREATE FUNCTION running_totals_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO running_totals (service_mode, payment_method, ips, n, ips_internal, ips_external, monthly_minor)
    SELECT service_mode, payment_method, ips, sum(d), sum(d * ips_internal), sum(d * ips_external), sum(d * monthly)
    FROM (SELECT service_mode, payment_method, ips_internal + ips_external AS ips, ips_internal::int8 AS ips_internal, ips_external::int8 AS ips_external, coalesce(monthly_price_minor, 0) AS monthly, 1::int8 AS d FROM new_rows WHERE payment_method <> 'free') AS changes
    GROUP BY 1, 2, 3
    HAVING sum(d) <> 0 OR sum(d * ips_internal) <> 0 OR sum(d * ips_external) <> 0 OR sum(d * monthly) <> 0
    ORDER BY 1, 2, 3
  ON CONFLICT (service_mode, payment_method, ips) DO UPDATE SET
    n = running_totals.n + excluded.n,
    ips_internal = running_totals.ips_internal + excluded.ips_internal,
    ips_external = running_totals.ips_external + excluded.ips_external,
    monthly_minor = running_totals.monthly_minor + excluded.monthly_minor;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION running_totals_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO running_totals (service_mode, payment_method, ips, n, ips_internal, ips_external, monthly_minor)
    SELECT service_mode, payment_method, ips, sum(d), sum(d * ips_internal), sum(d * ips_external), sum(d * monthly)
    FROM (SELECT service_mode, payment_method, ips_internal + ips_external AS ips, ips_internal::int8 AS ips_internal, ips_external::int8 AS ips_external, coalesce(monthly_price_minor, 0) AS monthly, -1::int8 AS d FROM old_rows WHERE payment_method <> 'free') AS changes
    GROUP BY 1, 2, 3
    HAVING sum(d) <> 0 OR sum(d * ips_internal) <> 0 OR sum(d * ips_external) <> 0 OR sum(d * monthly) <> 0
    ORDER BY 1, 2, 3
  ON CONFLICT (service_mode, payment_method, ips) DO UPDATE SET
    n = running_totals.n + excluded.n,
    ips_internal = running_totals.ips_internal + excluded.ips_internal,
    ips_external = running_totals.ips_external + excluded.ips_external,
    monthly_minor = running_totals.monthly_minor + excluded.monthly_minor;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION running_totals_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO running_totals (service_mode, payment_method, ips, n, ips_internal, ips_external, monthly_minor)
    SELECT service_mode, payment_method, ips, sum(d), sum(d * ips_internal), sum(d * ips_external), sum(d * monthly)
    FROM (SELECT service_mode, payment_method, ips_internal + ips_external AS ips, ips_internal::int8 AS ips_internal, ips_external::int8 AS ips_external, coalesce(monthly_price_minor, 0) AS monthly, 1::int8 AS d FROM new_rows WHERE payment_method <> 'free'
      UNION ALL
      SELECT service_mode, payment_method, ips_internal + ips_external AS ips, ips_internal::int8 AS ips_internal, ips_external::int8 AS ips_external, coalesce(monthly_price_minor, 0) AS monthly, -1::int8 AS d FROM old_rows WHERE payment_method <> 'free') AS changes
    GROUP BY 1, 2, 3
    HAVING sum(d) <> 0 OR sum(d * ips_internal) <> 0 OR sum(d * ips_external) <> 0 OR sum(d * monthly) <> 0
    ORDER BY 1, 2, 3
  ON CONFLICT (service_mode, payment_method, ips) DO UPDATE SET
    n = running_totals.n + excluded.n,
    ips_internal = running_totals.ips_internal + excluded.ips_internal,
    ips_external = running_totals.ips_external + excluded.ips_external,
    monthly_minor = running_totals.monthly_minor + excluded.monthly_minor;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Customers that exist before the triggers are counted once here.
INSERT INTO running_totals (service_mode, payment_method, ips, n, ips_internal, ips_external, monthly_minor)
  SELECT service_mode, payment_method, ips_internal + ips_external, count(*), sum(ips_internal), sum(ips_external),
         coalesce(sum(monthly_price_minor), 0)
  FROM customers WHERE payment_method <> 'free' GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE TRIGGER running_totals_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION running_totals_after_insert();--> statement-breakpoint
CREATE TRIGGER running_totals_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION running_totals_after_delete();--> statement-breakpoint
CREATE TRIGGER running_totals_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION running_totals_after_update();
