CREATE TABLE "running_key_purchase" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"minor" bigint NOT NULL
);
--> statement-breakpoint
-- Keeps running_key_purchase exact: the sum over every pair of a running period and the redeemed key it carries.
-- A pair is complete when the later of the two rows is written (the redemption service starts the period, then
-- records the key, in one transaction), so triggers on both tables add the pairs their statement completes and
-- take away those it ends. The row is locked only by a statement that changes the sum.
INSERT INTO running_key_purchase (id, minor) SELECT true, (SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM subscriptions s JOIN project_key_redemptions r ON r.key_id = s.project_key_id WHERE s.ended_at IS NULL);--> statement-breakpoint
CREATE FUNCTION running_key_purchase_after_subscription_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta numeric := (SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM new_rows s JOIN project_key_redemptions r ON r.key_id = s.project_key_id WHERE s.ended_at IS NULL);
BEGIN
  IF delta <> 0 THEN UPDATE running_key_purchase SET minor = minor + delta; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION running_key_purchase_after_subscription_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta numeric := -(SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM old_rows s JOIN project_key_redemptions r ON r.key_id = s.project_key_id WHERE s.ended_at IS NULL);
BEGIN
  IF delta <> 0 THEN UPDATE running_key_purchase SET minor = minor + delta; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION running_key_purchase_after_subscription_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta numeric := (SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM new_rows s JOIN project_key_redemptions r ON r.key_id = s.project_key_id WHERE s.ended_at IS NULL) - (SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM old_rows s JOIN project_key_redemptions r ON r.key_id = s.project_key_id WHERE s.ended_at IS NULL);
BEGIN
  IF delta <> 0 THEN UPDATE running_key_purchase SET minor = minor + delta; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION running_key_purchase_after_redemption_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta numeric := (SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM new_rows r JOIN subscriptions s ON s.project_key_id = r.key_id AND s.ended_at IS NULL);
BEGIN
  IF delta <> 0 THEN UPDATE running_key_purchase SET minor = minor + delta; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION running_key_purchase_after_redemption_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta numeric := -(SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM old_rows r JOIN subscriptions s ON s.project_key_id = r.key_id AND s.ended_at IS NULL);
BEGIN
  IF delta <> 0 THEN UPDATE running_key_purchase SET minor = minor + delta; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION running_key_purchase_after_redemption_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta numeric := (SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM new_rows r JOIN subscriptions s ON s.project_key_id = r.key_id AND s.ended_at IS NULL) - (SELECT coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0) FROM old_rows r JOIN subscriptions s ON s.project_key_id = r.key_id AND s.ended_at IS NULL);
BEGIN
  IF delta <> 0 THEN UPDATE running_key_purchase SET minor = minor + delta; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER running_key_purchase_insert AFTER INSERT ON subscriptions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION running_key_purchase_after_subscription_insert();--> statement-breakpoint
CREATE TRIGGER running_key_purchase_delete AFTER DELETE ON subscriptions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION running_key_purchase_after_subscription_delete();--> statement-breakpoint
CREATE TRIGGER running_key_purchase_update AFTER UPDATE ON subscriptions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION running_key_purchase_after_subscription_update();--> statement-breakpoint
CREATE TRIGGER running_key_purchase_insert AFTER INSERT ON project_key_redemptions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION running_key_purchase_after_redemption_insert();--> statement-breakpoint
CREATE TRIGGER running_key_purchase_delete AFTER DELETE ON project_key_redemptions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION running_key_purchase_after_redemption_delete();--> statement-breakpoint
CREATE TRIGGER running_key_purchase_update AFTER UPDATE ON project_key_redemptions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION running_key_purchase_after_redemption_update();
