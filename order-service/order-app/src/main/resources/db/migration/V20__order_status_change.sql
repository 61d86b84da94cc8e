-- The story of every order: one row per status it took, written in the same local transaction as the status's
-- compare-and-set, and only when that compare-and-set won. Operators read it in the console
-- (GET /api/admin/orders/{orderNo}). No foreign key: the history is an audit trail and outlives a row removed by hand.
CREATE TABLE order_status_change (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    order_no    VARCHAR(40)  NOT NULL,
    from_status VARCHAR(20)  NULL     COMMENT 'NULL for the first status of the order (PLACING)',
    to_status   VARCHAR(20)  NOT NULL,
    changed_at  DATETIME(3)  NOT NULL,
    xid         VARCHAR(128) NULL     COMMENT 'the global transaction that made the change, when one did',
    cause       VARCHAR(40)  NOT NULL COMMENT 'who or what made it: OrderStatusChange.Cause',
    PRIMARY KEY (id),
    KEY idx_order_status_change_order (order_no, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The console's search of any user's orders by age and status (the (user_id, created_at) index serves a user's).
CREATE INDEX idx_customer_order_status_created ON customer_order (status, created_at);
CREATE INDEX idx_customer_order_created ON customer_order (created_at);
