-- A keyed seal on every audit record: mac = HMAC-SM3(audit key, hash), the key held by the
-- server (GONGZHI_AUDIT_KEY), never by the database. Whoever owns the database can still
-- recompute the plain SM3 chain after editing a record, but not the macs; `gongzhi audit
-- verify` checks both, and the signed checkpoints written outside the database catch a deleted
-- tail. Records written before this migration have no mac; once one has, every later one must.
ALTER TABLE audit_log ADD COLUMN mac text;
