-- Reconciliation pages through orders of a few statuses (PLACING, PAYING) in order-number order; without this
-- index each such page scans the primary key past every settled order. Numbered V10 so that it never collides
-- with migrations added on other branches (V3..V9).
CREATE INDEX idx_customer_order_status_order_no ON customer_order (status, order_no);
