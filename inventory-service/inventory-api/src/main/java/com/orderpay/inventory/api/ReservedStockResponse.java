package com.orderpay.inventory.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the reservation Try answers: the order's reservation as {@link StockReservationResponse} has it, and the
 * catalogue price of each reserved SKU, read under the row lock that reserved it. The order is placed at these
 * prices, so placing needs no separate catalogue read (one hop less per order) and no price can change between
 * the read and the reservation.
 *
 * @param unitPrices skuId to price (money, two fraction digits), one per reserved line
 */
public record ReservedStockResponse(String orderNo, String status, List<ReservedLine> lines,
                                    Map<String, BigDecimal> unitPrices) {
}
