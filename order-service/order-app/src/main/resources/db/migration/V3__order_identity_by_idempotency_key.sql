-- An order's identity follows from its user and the Idempotency-Key it was placed with: whatever happens to the key's
-- record (a crash after the commit, a retry after a 5xx, a purge after 24 hours), a second placement under the same
-- key cannot commit a second live order. Its Try fails on this unique key, the global transaction rolls back every
-- branch, and the retry answers the order that exists. A REJECTED order (nothing was reserved or charged) frees
-- the key for the next attempt. MySQL/MariaDB have no partial indexes, hence the generated column.
ALTER TABLE customer_order
    ADD COLUMN placement_key VARCHAR(128) NULL COMMENT 'Idempotency-Key of the placement (NULL before V3)' AFTER user_id,
    ADD COLUMN live_placement_key VARCHAR(128)
        GENERATED ALWAYS AS (IF(status <> 'REJECTED', placement_key, NULL)) STORED AFTER placement_key,
    ADD COLUMN payment_key VARCHAR(128) NULL COMMENT 'Idempotency-Key of the latest payment attempt' AFTER payment_xid,
    ADD UNIQUE KEY uk_customer_order_live_placement_key (user_id, live_placement_key);
