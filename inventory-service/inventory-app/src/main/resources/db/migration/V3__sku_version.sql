-- Every change of a SKU's row (a reservation, a sale, a release, a restock, a revision) bumps its version, which the
-- admin API shows as the ETag. An update of an existing SKU must name the version it was based on (If-Match), so a
-- stale absolute on_hand can never re-add units sold or reserved in the meantime.
ALTER TABLE sku ADD COLUMN version BIGINT NOT NULL DEFAULT 0 COMMENT 'bumped by every UPDATE; the ETag' AFTER sold;
