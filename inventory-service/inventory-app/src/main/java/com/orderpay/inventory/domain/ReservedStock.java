package com.orderpay.inventory.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a reservation Try leaves: the order's lines, and the price of each SKU read in the same local transaction,
 * under the row lock of its reservation (a price revision waits for it), so the order is priced as it was reserved.
 */
public record ReservedStock(List<StockReservation> lines, Map<String, BigDecimal> unitPrices) {

    public ReservedStock {
        lines = List.copyOf(lines);
        unitPrices = Map.copyOf(unitPrices);
        for (StockReservation line : lines) {
            if (!unitPrices.containsKey(line.skuId())) {
                throw new IllegalArgumentException("No price for reserved SKU " + line.skuId());
            }
        }
    }
}
