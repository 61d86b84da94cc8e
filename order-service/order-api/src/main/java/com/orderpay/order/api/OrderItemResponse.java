package com.orderpay.order.api;

import java.math.BigDecimal;

public record OrderItemResponse(String skuId, int quantity, BigDecimal unitPrice) {
}
