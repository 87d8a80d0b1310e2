CREATE TABLE "invoice_month_totals" (
	"billing_month" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"n" bigint NOT NULL,
	"gross_minor" bigint NOT NULL,
	CONSTRAINT "invoice_month_totals_billing_month_kind_status_pk" PRIMARY KEY("billing_month","kind","status")
);
--> statement-breakpoint
-- Keeps invoice_month_totals exact, as migration 0002 keeps customer_counts: statement-level triggers see all
-- changed rows at once (a batch of the invoice run, the overdue job), update each total once, in key order.
CREATE FUNCTION invoice_month_totals_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO invoice_month_totals (billing_month, kind, status, n, gross_minor)
    SELECT billing_month, kind, status, sum(d), sum(d * gross_minor)
    FROM (SELECT billing_month, kind, status, gross_minor, 1::int8 AS d FROM new_rows) AS changes
    GROUP BY 1, 2, 3
    HAVING sum(d) <> 0 OR sum(d * gross_minor) <> 0
    ORDER BY 1, 2, 3
  ON CONFLICT (billing_month, kind, status) DO UPDATE SET
    n = invoice_month_totals.n + excluded.n,
    gross_minor = invoice_month_totals.gross_minor + excluded.gross_minor;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION invoice_month_totals_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO invoice_month_totals (billing_month, kind, status, n, gross_minor)
    SELECT billing_month, kind, status, sum(d), sum(d * gross_minor)
    FROM (SELECT billing_month, kind, status, gross_minor, -1::int8 AS d FROM old_rows) AS changes
    GROUP BY 1, 2, 3
    HAVING sum(d) <> 0 OR sum(d * gross_minor) <> 0
    ORDER BY 1, 2, 3
  ON CONFLICT (billing_month, kind, status) DO UPDATE SET
    n = invoice_month_totals.n + excluded.n,
    gross_minor = invoice_month_totals.gross_minor + excluded.gross_minor;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION invoice_month_totals_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO invoice_month_totals (billing_month, kind, status, n, gross_minor)
    SELECT billing_month, kind, status, sum(d), sum(d * gross_minor)
    FROM (SELECT billing_month, kind, status, gross_minor, 1::int8 AS d FROM new_rows
      UNION ALL
      SELECT billing_month, kind, status, gross_minor, -1::int8 AS d FROM old_rows) AS changes
    GROUP BY 1, 2, 3
    HAVING sum(d) <> 0 OR sum(d * gross_minor) <> 0
    ORDER BY 1, 2, 3
  ON CONFLICT (billing_month, kind, status) DO UPDATE SET
    n = invoice_month_totals.n + excluded.n,
    gross_minor = invoice_month_totals.gross_minor + excluded.gross_minor;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Invoices that exist before the triggers are counted once here.
INSERT INTO invoice_month_totals (billing_month, kind, status, n, gross_minor)
  SELECT billing_month, kind, status, count(*), sum(gross_minor) FROM invoices GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE TRIGGER invoice_month_totals_insert AFTER INSERT ON invoices
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_month_totals_after_insert();--> statement-breakpoint
CREATE TRIGGER invoice_month_totals_delete AFTER DELETE ON invoices
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_month_totals_after_delete();--> statement-breakpoint
CREATE TRIGGER invoice_month_totals_update AFTER UPDATE ON invoices
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_month_totals_after_update();
