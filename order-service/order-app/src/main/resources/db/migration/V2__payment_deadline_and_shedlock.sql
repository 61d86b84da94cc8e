-- The durable schedule of unpaid orders (expiry layer 2). A row is written in the same local transaction as the
-- order's move to AWAITING_PAYMENT and says what the scan still owes the order:
--   PENDING   the order awaits payment until due_at (= its expires_at); the scan expires it once due;
--   RELEASING the order was cancelled or expired and its hold not given back yet; the scan retries the release at
--             due_at (then backs off), so nothing is ever left held;
--   DONE      paid, or the hold was released.
-- Losing Redis or restarting order-service loses nothing: this table and the order's status are the truth.
CREATE TABLE payment_deadline (
    order_no         VARCHAR(40) NOT NULL,
    due_at           DATETIME(3) NOT NULL COMMENT 'PENDING: the payment deadline; RELEASING: the next release attempt',
    state            VARCHAR(16) NOT NULL COMMENT 'PENDING, RELEASING or DONE',
    release_attempts INT         NOT NULL DEFAULT 0 COMMENT 'failed attempts to give the hold back',
    created_at       DATETIME(3) NOT NULL,
    updated_at       DATETIME(3) NOT NULL,
    PRIMARY KEY (order_no),
    -- Both scans: WHERE state = ? AND due_at <= ? ORDER BY due_at LIMIT n.
    KEY idx_payment_deadline_state_due (state, due_at),
    CONSTRAINT fk_payment_deadline_order FOREIGN KEY (order_no) REFERENCES customer_order (order_no),
    CONSTRAINT ck_payment_deadline_state CHECK (state IN ('PENDING', 'RELEASING', 'DONE')),
    CONSTRAINT ck_payment_deadline_attempts CHECK (release_attempts >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- ShedLock: the deadline scan and the release retry run on one replica at a time. The lock lives in this
-- database, not in Redis, so that the layer meant to survive a Redis outage does not depend on Redis.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
