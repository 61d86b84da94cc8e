-- User ids (the token's subject), SKU ids and Idempotency-Keys are compared exactly: under the tables'
-- case-insensitive collation user ALICE listed alice's orders and shared her unpaid-order limit, and a placement
-- key kEy-1 was KEY-1.
ALTER TABLE customer_order
    MODIFY user_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY placement_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL
        COMMENT 'Idempotency-Key of the placement (NULL before V3)',
    MODIFY live_placement_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
        GENERATED ALWAYS AS (IF(status <> 'REJECTED', placement_key, NULL)) STORED,
    MODIFY payment_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL
        COMMENT 'Idempotency-Key of the latest payment attempt';
ALTER TABLE order_item
    MODIFY sku_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE unpaid_order_buyer
    MODIFY user_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
