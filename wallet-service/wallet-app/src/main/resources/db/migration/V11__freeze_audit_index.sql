-- Reconciliation pages through the freezes of one status in id order (keyset): with this index each page is a short
-- range scan, whatever the number of freezes.
CREATE INDEX idx_funds_freeze_status_id ON funds_freeze (status, id);
