-- UNLOGGED (by hand; drizzle-kit has no option for it): written on every API request, these counters skip the
-- WAL and its flush; a database crash empties them, which only restarts the current rate-limit windows.
CREATE UNLOGGED TABLE "request_counts" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
