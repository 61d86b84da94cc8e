-- Orders of order-service. The platform's own tables (idempotency_record, tcc_fence_log) are versioned apart
-- by the platform (history table platform_schema_history).
CREATE TABLE customer_order (
    order_no    VARCHAR(40)   NOT NULL COMMENT 'O + time prefix + random: sortable, unguessable, never a sequence',
    user_id     VARCHAR(64)   NOT NULL,
    status      VARCHAR(20)   NOT NULL COMMENT 'PLACING, AWAITING_PAYMENT, PAYING, PAID, REJECTED, CANCELLED, EXPIRED',
    total       DECIMAL(19,2) NOT NULL,
    pay_now     BOOLEAN       NOT NULL COMMENT 'paid in the placing transaction, or held until expires_at',
    created_at  DATETIME(3)   NOT NULL,
    expires_at  DATETIME(3)   NULL     COMMENT 'payment deadline of a pay-later order',
    updated_at  DATETIME(3)   NOT NULL,
    placed_xid  VARCHAR(128)  NOT NULL COMMENT 'global transaction that placed it: phase two finds the order by it',
    payment_xid VARCHAR(128)  NULL     COMMENT 'global transaction of a later payment (PAYING)',
    PRIMARY KEY (order_no),
    UNIQUE KEY uk_customer_order_placed_xid (placed_xid),
    UNIQUE KEY uk_customer_order_payment_xid (payment_xid),
    KEY idx_customer_order_user_created (user_id, created_at),
    -- The deadline scan of unpaid orders (status = AWAITING_PAYMENT AND expires_at <= now).
    KEY idx_customer_order_status_expires (status, expires_at),
    CONSTRAINT ck_customer_order_status CHECK (status IN
        ('PLACING', 'AWAITING_PAYMENT', 'PAYING', 'PAID', 'REJECTED', 'CANCELLED', 'EXPIRED')),
    CONSTRAINT ck_customer_order_total CHECK (total > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_item (
    order_no   VARCHAR(40)   NOT NULL,
    sku_id     VARCHAR(64)   NOT NULL,
    quantity   INT           NOT NULL,
    unit_price DECIMAL(19,2) NOT NULL COMMENT 'catalogue price when the order was placed',
    PRIMARY KEY (order_no, sku_id),
    CONSTRAINT fk_order_item_order FOREIGN KEY (order_no) REFERENCES customer_order (order_no),
    CONSTRAINT ck_order_item_quantity CHECK (quantity BETWEEN 1 AND 1000),
    CONSTRAINT ck_order_item_unit_price CHECK (unit_price > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
