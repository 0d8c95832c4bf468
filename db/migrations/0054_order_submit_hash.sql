-- Intake keeps a request's Idempotency-Key in its own transaction (#15): the order remembers the
-- key (submit_key) and now the hash of the request that carried it, so a retry with the same key
-- and another body is refused (422) the way the generic idempotency record refused it. Nullable
-- without a default: adding it does not rewrite the table.
ALTER TABLE work_orders ADD COLUMN submit_hash text;
