-- Reconciliation pages through the reservations of one status in id order (keyset): with this index each page is a
-- short range scan, whatever the number of reservations. Numbered V10 so that it never collides with migrations
-- added on other branches (V3..V9).
CREATE INDEX idx_stock_reservation_status_id ON stock_reservation (status, id);
