-- Stock figures per SKU. available = on_hand - reserved; a sale moves units out of reserved and on_hand into sold.
-- The CHECKs are the last line of defence: MariaDB/MySQL refuse any write that would oversell or go negative.
CREATE TABLE sku (
    sku_id     VARCHAR(64)   NOT NULL,
    name       VARCHAR(200)  NOT NULL,
    price      DECIMAL(19,2) NOT NULL,
    on_hand    BIGINT        NOT NULL DEFAULT 0 COMMENT 'units physically there',
    reserved   BIGINT        NOT NULL DEFAULT 0 COMMENT 'units held for unpaid or in-flight orders',
    sold       BIGINT        NOT NULL DEFAULT 0 COMMENT 'units sold (left on_hand)',
    created_at DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (sku_id),
    CONSTRAINT ck_sku_on_hand_not_negative CHECK (on_hand >= 0),
    CONSTRAINT ck_sku_reserved_not_negative CHECK (reserved >= 0),
    CONSTRAINT ck_sku_reserved_within_on_hand CHECK (reserved <= on_hand),
    CONSTRAINT ck_sku_sold_not_negative CHECK (sold >= 0),
    CONSTRAINT ck_sku_price_positive CHECK (price > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The stock an order reserved, one row per order and SKU. try_xid is the global transaction of the Try that
-- created the row (Confirm/Cancel find their rows by it); sale_xid that of the latest pay-later sale Try.
CREATE TABLE stock_reservation (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    order_no   VARCHAR(64)  NOT NULL,
    sku_id     VARCHAR(64)  NOT NULL,
    quantity   INT          NOT NULL,
    purpose    VARCHAR(8)   NOT NULL COMMENT 'SALE: sold on Confirm; HOLD: held until paid or released',
    status     VARCHAR(16)  NOT NULL COMMENT 'TRYING, HELD, SELLING, SOLD, CANCELLED, RELEASED',
    try_xid    VARCHAR(128) NOT NULL,
    sale_xid   VARCHAR(128) NULL,
    created_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_stock_reservation_order_sku (order_no, sku_id),
    KEY idx_stock_reservation_try_xid (try_xid),
    KEY idx_stock_reservation_sale_xid (sale_xid),
    -- reconciliation looks for holds and in-flight reservations by age
    KEY idx_stock_reservation_status_updated (status, updated_at),
    CONSTRAINT fk_stock_reservation_sku FOREIGN KEY (sku_id) REFERENCES sku (sku_id),
    CONSTRAINT ck_stock_reservation_quantity CHECK (quantity > 0),
    CONSTRAINT ck_stock_reservation_purpose CHECK (purpose IN ('SALE', 'HOLD')),
    CONSTRAINT ck_stock_reservation_status
        CHECK (status IN ('TRYING', 'HELD', 'SELLING', 'SOLD', 'CANCELLED', 'RELEASED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
