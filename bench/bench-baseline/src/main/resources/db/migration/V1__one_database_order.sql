-- The benchmark's baseline: the business rows of a paid order (stock, wallet, ledger, order) in ONE database, so
-- that a paid order is one local transaction. Same guards as the services: CHECKs and conditional UPDATEs.
CREATE TABLE sku (
    sku_id  VARCHAR(64)   NOT NULL,
    price   DECIMAL(19,2) NOT NULL,
    on_hand BIGINT        NOT NULL,
    sold    BIGINT        NOT NULL DEFAULT 0,
    version BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (sku_id),
    CONSTRAINT ck_bench_sku_on_hand CHECK (on_hand >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE wallet (
    user_id   VARCHAR(64)   NOT NULL,
    available DECIMAL(19,2) NOT NULL,
    credited  DECIMAL(19,2) NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT ck_bench_wallet_available CHECK (available >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE wallet_ledger_entry (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    user_id    VARCHAR(64)   NOT NULL,
    type       VARCHAR(16)   NOT NULL,
    amount     DECIMAL(19,2) NOT NULL,
    order_no   VARCHAR(64)   NOT NULL,
    created_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_bench_debit_per_order (order_no, type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE customer_order (
    order_no        VARCHAR(64)   NOT NULL,
    user_id         VARCHAR(64)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    total           DECIMAL(19,2) NOT NULL,
    placement_key   VARCHAR(128)  NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (order_no),
    UNIQUE KEY uk_bench_order_user_key (user_id, placement_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_item (
    order_no   VARCHAR(64)   NOT NULL,
    sku_id     VARCHAR(64)   NOT NULL,
    quantity   INT           NOT NULL,
    unit_price DECIMAL(19,2) NOT NULL,
    PRIMARY KEY (order_no, sku_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
