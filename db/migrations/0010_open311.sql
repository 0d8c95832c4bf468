-- Open311 (GeoReport v2) at /open311/v2. Keys live in open311_keys (0009); orders from Open311
-- are work orders on the 'open311' channel. The one addition: the public servicerequestupdates
-- feed reads the timeline by time across all orders, which the (order_id, occurred_at) index
-- cannot serve; without this every poll would scan the whole timeline.
CREATE INDEX work_order_events_occurred ON work_order_events (occurred_at);
