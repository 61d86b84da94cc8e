-- Refunds (reconciliation gives back the money of an order debited without being paid). At most one REFUND per
-- order, enforced here as the debit is (uk_ledger_debit_order): a repeated or concurrent refund of the same order
-- fails on this key and changes nothing. Numbered V10 so that it never collides with migrations added on other
-- branches (V3..V9).
ALTER TABLE wallet_ledger_entry
    ADD COLUMN refund_order_no VARCHAR(64) GENERATED ALWAYS AS (IF(type = 'REFUND', order_no, NULL)) STORED,
    ADD CONSTRAINT ck_ledger_refund_names_its_order CHECK (type <> 'REFUND' OR order_no IS NOT NULL),
    ADD UNIQUE KEY uk_ledger_refund_order (refund_order_no),
    -- the abnormal-payments alert: debits per user within the last hour
    ADD KEY idx_ledger_type_created (type, created_at);
