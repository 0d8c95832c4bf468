-- A mediation case's number of the day is taken in a statement of its own before the case's
-- transaction (disputes/create-service.ts, and intake for an order of a dispute subcategory), as
-- work-order numbers are since 0055: the county's day-counter row is locked only for that
-- statement. The statement runs outside any actor's context; the table holds no business data
-- and, like work_order_counters, is not under row-level security.
DROP POLICY app_context_sealed ON dispute_counters;
DROP POLICY dispute_counters_access ON dispute_counters;
ALTER TABLE dispute_counters NO FORCE ROW LEVEL SECURITY;
ALTER TABLE dispute_counters DISABLE ROW LEVEL SECURITY;
