-- One search box for people and households (#13): a phone or ID number's last four digits,
-- read from the stored masks (the clear number is never stored), found through an index.
CREATE INDEX IF NOT EXISTS residents_phone_tail ON residents (right(phone_masked, 4));
CREATE INDEX IF NOT EXISTS residents_id_tail ON residents (right(id_number_masked, 4));
