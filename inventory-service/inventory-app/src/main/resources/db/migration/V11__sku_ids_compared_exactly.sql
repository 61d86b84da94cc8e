-- A SKU id is compared exactly: under the tables' case-insensitive collation an order for 'p1' reserved SKU 'P1',
-- and the Try then found no price for 'p1' (a 500 any buyer could provoke, which opened order-service's circuit to
-- inventory for everyone). Now 'p1' is simply unknown. The foreign key is dropped and put back around the change.
ALTER TABLE stock_reservation DROP FOREIGN KEY fk_stock_reservation_sku;
ALTER TABLE sku
    MODIFY sku_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE stock_reservation
    MODIFY sku_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    ADD CONSTRAINT fk_stock_reservation_sku FOREIGN KEY (sku_id) REFERENCES sku (sku_id);
