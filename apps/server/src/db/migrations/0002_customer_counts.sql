CREATE TABLE "customer_counts" (
	"status" text NOT NULL,
	"service_mode" text NOT NULL,
	"payment_method" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "customer_counts_status_service_mode_payment_method_pk" PRIMARY KEY("status","service_mode","payment_method")
);
--> statement-breakpoint
-- Keeps customer_counts exact. Statement-level triggers see all changed rows at once (transition tables), so a
-- bulk insert updates each counter once; rows are visited in key order so concurrent writers lock counters in
-- the same order and cannot deadlock on them.
CREATE FUNCTION customer_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_counts (status, service_mode, payment_method, n)
    SELECT status, service_mode, payment_method, count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (status, service_mode, payment_method) DO UPDATE SET n = customer_counts.n + excluded.n;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION customer_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_counts (status, service_mode, payment_method, n)
    SELECT status, service_mode, payment_method, -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (status, service_mode, payment_method) DO UPDATE SET n = customer_counts.n + excluded.n;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION customer_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_counts (status, service_mode, payment_method, n)
    SELECT status, service_mode, payment_method, sum(d) FROM (
      SELECT status, service_mode, payment_method, 1 AS d FROM new_rows
      UNION ALL
      SELECT status, service_mode, payment_method, -1 AS d FROM old_rows
    ) AS changes GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (status, service_mode, payment_method) DO UPDATE SET n = customer_counts.n + excluded.n;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Customers that exist before the triggers are counted once here.
INSERT INTO customer_counts (status, service_mode, payment_method, n)
  SELECT status, service_mode, payment_method, count(*) FROM customers GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_counts_after_insert();--> statement-breakpoint
CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_counts_after_delete();--> statement-breakpoint
CREATE TRIGGER customer_counts_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_counts_after_update();--> statement-breakpoint
-- The average IP price sorts with customers without a price last in both directions: one index per direction.
CREATE INDEX "customers_average_price_asc_idx" ON "customers" ((monthly_price_minor::numeric / nullif(ips_internal + ips_external, 0)) ASC NULLS LAST, id ASC);--> statement-breakpoint
CREATE INDEX "customers_average_price_desc_idx" ON "customers" ((monthly_price_minor::numeric / nullif(ips_internal + ips_external, 0)) DESC NULLS LAST, id DESC);
