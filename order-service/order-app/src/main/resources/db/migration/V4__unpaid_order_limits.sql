-- One row per user who ever placed an order to pay later. The order's Try locks it (INSERT ... ON DUPLICATE KEY
-- UPDATE) before counting what the user holds unpaid, so concurrent placements of one user are counted one after
-- the other and the limits hold (orderpay.order.unpaid-limits).
CREATE TABLE unpaid_order_buyer (
    user_id    VARCHAR(64) NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The count itself: a user's unpaid orders by status.
CREATE INDEX idx_customer_order_user_status ON customer_order (user_id, status);
